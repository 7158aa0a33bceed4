using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/o/{id}/settings: the owner edits the organisation profile.</summary>
public sealed partial class SettingsPage : PageObject
{
    internal SettingsPage(BrowserSession session, IResponse response)
        : base(session, response, SettingsPath())
    {
    }

    /// <summary>Opens the settings as someone whose role does not allow it, expecting the access-denied page.</summary>
    public static Task<AccessDeniedPage> OpenExpectingAccessDeniedAsync(BrowserSession session, Guid organisationId) =>
        OpenAsync(session, $"/o/{organisationId}/settings", r => new AccessDeniedPage(session, r), "access-denied");

    public static Task<SettingsPage> OpenAsync(BrowserSession session, Guid organisationId) =>
        OpenAsync(session, $"/o/{organisationId}/settings", r => new SettingsPage(session, r), "settings");

    /// <summary>Follows the link to the webhooks of the company.</summary>
    public Task<WebhooksPage> FollowWebhooksAsync() =>
        GoToAsync(() => MainLink("Webhooks: berichten naar uw eigen systemen").ClickAsync(), r => new WebhooksPage(Session, r), "webhooks");

    /// <summary>Follows "De hele organisatie verwijderen" to the erasure page.</summary>
    public Task<DeleteOrganisationPage> FollowDeleteOrganisationAsync() =>
        GoToAsync(() => MainLink("De hele organisatie verwijderen").ClickAsync(), r => new DeleteOrganisationPage(Session, r), "delete-organisation");

    /// <summary>The profile as the form shows it now.</summary>
    public Task<OrganisationProfile> ProfileAsync() => OrganisationProfileForm.ReadAsync(Page);

    /// <summary>Fills the form and presses "Opslaan", expecting the dashboard.</summary>
    public async Task<DashboardPage> SaveAsync(OrganisationProfile profile)
    {
        await OrganisationProfileForm.FillAsync(Page, profile);
        return await GoToAsync(() => MainButton("Opslaan").ClickAsync(), r => new DashboardPage(Session, r), "dashboard-saved");
    }

    [GeneratedRegex("^/o/(?<id>[0-9a-fA-F-]{36})/settings$")]
    private static partial Regex SettingsPath();
}
