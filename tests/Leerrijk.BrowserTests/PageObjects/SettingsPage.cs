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
