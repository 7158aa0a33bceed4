using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.BrowserTests.Features;

/// <summary>
/// Programmes in the browser: a coordinator creates a programme and invites an owner by mail; the owner joins with one of
/// the two choices ticked, then changes them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProgrammeTests(BrowserFixture browser)
{
    private const string Share = "Deel onze resultaten met het programma (alleen in cijfers over minstens 5 bedrijven)";
    private const string Pool = "Voeg onze resultaten zonder naam toe aan de vergelijkingsgroep (normen)";

    [SkippableFact]
    public async Task A_coordinator_creates_a_programme_and_invites_and_the_owner_joins_with_one_choice_and_changes_it()
    {
        var (coordinator, support) = await browser.App.CreateAdviserAsync(Leerrijk.Web.Features.Support.SupportRole.Coordinator);
        var owner = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id, "Metaal " + Guid.NewGuid().ToString("N")[..8]);
        var name = "LeercultuurMKB " + Guid.NewGuid().ToString("N")[..6];
        var teamscan = browser.App.Services.GetRequiredService<InstrumentCatalog>().Find("leerrijk-teamscan")!.Title.Nl;

        await using var coordinatorSession = await browser.NewSessionAsync("Programme-coordinator");
        var key = await browser.App.EnableTwoStepAsync(coordinator.Email!);
        await (await (await LoginPage.OpenAsync(coordinatorSession)).LogInToSecondStepAsync(coordinator.Email!, LeerrijkAppFactory.Password)).LogInToCaseloadAsync(Totp.Code(key));
        var form = await (await SupportProgrammesPage.OpenAsync(coordinatorSession, support.Id)).FollowNewAsync();
        var participants = await form.CreateAsync(name, teamscan, 48);
        Assert.Equal($"Het programma {name} is opgeslagen. Nodig nu bedrijven uit.", await participants.StatusMessageAsync());
        var invited = await participants.InviteAsync(owner.Email!, organisation.Name);
        Assert.Equal($"De uitnodiging is gestuurd naar {owner.Email}. De link werkt 30 dagen.", await invited.StatusMessageAsync());
        Assert.Contains("uitnodiging open tot", Assert.Single(await invited.RowsAsync()), StringComparison.Ordinal);

        await using var ownerSession = await browser.NewSessionAsync("Programme-owner");
        await (await LoginPage.OpenAsync(ownerSession)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);
        var join = await JoinProgrammePage.OpenLinkFromMailAsync(ownerSession, owner.Email!);
        Assert.False(await join.IsTickedAsync(Share));
        Assert.False(await join.IsTickedAsync(Pool));
        var company = await join.JoinAsync([Share]);
        Assert.Equal($"{organisation.Name} doet mee aan {name}. Hieronder ziet u uw keuzes.", await company.StatusMessageAsync());
        Assert.True(await company.IsTickedAsync(Share));
        Assert.False(await company.IsTickedAsync(Pool));

        var changed = await company.ChangeAsync(Share, false, Pool, true);
        Assert.Contains("Vanaf de volgende berekening (elke nacht) tellen uw resultaten niet meer mee", await changed.StatusMessageAsync(), StringComparison.Ordinal);
        Assert.False(await changed.IsTickedAsync(Share));
        Assert.True(await changed.IsTickedAsync(Pool));

        using var scope = browser.App.Services.CreateScope();
        var participant = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().ProgrammeParticipants.SingleAsync(p => p.OrganisationId == organisation.Id);
        Assert.Equal((false, true), (participant.SharesResults, participant.InNormPool));
    }
    [SkippableFact]
    public async Task A_manager_reads_the_monitor_with_reach_against_target_and_drills_into_a_dimension_by_sector()
    {
        var (coordinator, support) = await browser.App.CreateAdviserAsync(Leerrijk.Web.Features.Support.SupportRole.Coordinator);
        var programmeId = await MonitorData.ProgrammeWithTenCompaniesAsync(browser.App, support.Id);

        await using var session = await browser.NewSessionAsync("Programme-monitor");
        var key = await browser.App.EnableTwoStepAsync(coordinator.Email!);
        await (await (await LoginPage.OpenAsync(session)).LogInToSecondStepAsync(coordinator.Email!, LeerrijkAppFactory.Password)).LogInToCaseloadAsync(Totp.Code(key));
        var monitor = await MonitorPage.OpenAsync(session, programmeId);
        Assert.Equal(["10", "48", "10 van 48"], (await monitor.ReachRowAsync("Doet mee")).Select(c => c.Trim()).ToArray());
        var drill = await monitor.DrillIntoFirstAsync();
        Assert.Contains("Per sector", await drill.BreakdownHeadingsAsync());
    }
}
