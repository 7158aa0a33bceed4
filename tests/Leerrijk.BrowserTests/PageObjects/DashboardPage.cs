using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/o/{id}: an organisation's dashboard, with the member's role and the ways on.</summary>
public sealed partial class DashboardPage : PageObject
{
    internal DashboardPage(BrowserSession session, IResponse response)
        : base(session, response, DashboardPath())
    {
        OrganisationId = Guid.Parse(PathMatch!.Groups["id"].Value);
    }

    public Guid OrganisationId { get; }

    public static Task<DashboardPage> OpenAsync(BrowserSession session, Guid organisationId) =>
        OpenAsync(session, $"/o/{organisationId}", r => new DashboardPage(session, r), "dashboard");

    /// <summary>The line "Uw rol: …" ("Your role: …") under the heading.</summary>
    public async Task<string> RoleLineAsync() => (await Page.Locator("main h1 + p.muted").InnerTextAsync()).Trim();

    /// <summary>Whether the dashboard offers "Gegevens wijzigen", which only owners see.</summary>
    public async Task<bool> OffersEditDetailsAsync(string linkText = "Gegevens wijzigen") => await MainLink(linkText).CountAsync() == 1;

    /// <summary>The facts list (sector, size, province, region, …) as label and value.</summary>
    public async Task<IReadOnlyDictionary<string, string>> FactsAsync()
    {
        var terms = await Page.Locator("main dl.facts dt").AllInnerTextsAsync();
        var values = await Page.Locator("main dl.facts dd").AllInnerTextsAsync();
        return terms.Zip(values).ToDictionary(p => p.First.Trim(), p => p.Second.Trim(), StringComparer.Ordinal);
    }

    /// <summary>Follows "Laatste rapport" (in English "Latest report") to the report of the round that closed last.</summary>
    public Task<ReportPage> FollowLatestReportAsync(string linkText = "Laatste rapport") =>
        GoToAsync(() => MainLink(linkText).ClickAsync(), r => new ReportPage(Session, r), "report");

    /// <summary>Follows "Leden en uitnodigingen" (in English "Members and invitations").</summary>
    public Task<MembersPage> FollowMembersAsync(string linkText = "Leden en uitnodigingen") =>
        GoToAsync(() => MainLink(linkText).ClickAsync(), r => new MembersPage(Session, r), "members");

    /// <summary>Follows "Gegevens wijzigen" to the settings page.</summary>
    public Task<SettingsPage> FollowEditDetailsAsync(string linkText = "Gegevens wijzigen") =>
        GoToAsync(() => MainLink(linkText).ClickAsync(), r => new SettingsPage(Session, r), "settings");

    /// <summary>The kept quick scan's first steps' menukaart slugs, in order.</summary>
    public Task<IReadOnlyList<string>> QuickScanStepSlugsAsync() => QuickScanSteps.SlugsAsync(Page, "quick-scan-steps");

    /// <summary>Presses "In actieplan" beside the kept quick scan's step with this slug; the plan opens with the step in it.</summary>
    public Task<PlanPage> AddQuickScanStepToPlanAsync(string slug) =>
        GoToAsync(
            () => Page.Locator($"main ol[aria-labelledby=quick-scan-steps] form:has(input[name=slug][value=\"{slug}\"]) button").ClickAsync(),
            r => new PlanPage(Session, r),
            "plan-from-quick-scan");

    [GeneratedRegex("^/o/(?<id>[0-9a-fA-F-]{36})$")]
    private static partial Regex DashboardPath();
}
