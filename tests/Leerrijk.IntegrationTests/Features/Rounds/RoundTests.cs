using System.Globalization;
using System.Net;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Rounds;

public sealed class RoundTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Today => LocalizationSetup.Today(TimeProvider.System);

    private static Dictionary<string, string> Form(DateOnly opens, DateOnly closes, string threshold = "5") => new()
    {
        ["Input.Title"] = "Voorjaarsmeting",
        ["Input.OpensOn"] = Day(opens),
        ["Input.ClosesOn"] = Day(closes),
        ["Input.Roles"] = "Employee",
        ["Input.Languages"] = "nl",
        ["Input.Departments"] = "Werkplaats\nKantoor\nwerkplaats\n",
        ["Input.AnonymityThreshold"] = threshold,
    };

    private async Task<(Organisation Organisation, HttpClient Client)> HrAsync(OrganisationRole role = OrganisationRole.Hr)
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var member = await app.CreateUserAsync();
        await app.AddMemberAsync(organisation.Id, member.Id, role);
        return (organisation, await app.LoggedInClientAsync(member.Email!));
    }

    private LeerrijkDbContext Db(IServiceScope scope) => scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();

    [Fact]
    public async Task Hr_opens_a_round_in_two_steps_and_it_keeps_the_instrument_version()
    {
        var (organisation, client) = await HrAsync();
        var newRound = $"/o/{organisation.Id}/rounds/new";

        var step1 = await client.GetHtmlAsync(newRound);
        Assert.Contains("Stap 1 van 2", step1, StringComparison.Ordinal);
        var step2 = await client.GetHtmlAsync(newRound + "?instrument=leerrijk-teamscan");
        Assert.Contains("Stap 2 van 2", step2, StringComparison.Ordinal);
        Assert.Contains("lager dan 3 kan niet", step2, StringComparison.Ordinal);

        var created = await client.PostFormAsync(newRound + "?instrument=leerrijk-teamscan", Form(Today, Today.AddDays(14)), newRound + "?instrument=leerrijk-teamscan");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using var scope = app.Services.CreateScope();
        var round = await Db(scope).Rounds.SingleAsync(r => r.OrganisationId == organisation.Id);
        var teamscan = scope.ServiceProvider.GetRequiredService<InstrumentCatalog>().Find("leerrijk-teamscan")!;
        Assert.Equal(teamscan.Version, round.InstrumentVersion);
        Assert.Equal(InstrumentFingerprint.Of(teamscan), round.InstrumentFingerprint);
        Assert.Equal(["Werkplaats", "Kantoor"], round.Departments);
        Assert.Equal(["Employee"], round.Roles);
        Assert.Matches("^[A-HJKMNP-Z2-9]{6}$", round.Code);
        Assert.Equal(RoundStatus.Open, round.StatusOn(Today));

        var details = await client.GetHtmlAsync(created.Headers.Location!.OriginalString);
        Assert.Contains(round.Code, details, StringComparison.Ordinal);
        Assert.Contains("/s/" + round.Code, details, StringComparison.Ordinal);
        Assert.Contains("Voorjaarsmeting", await client.GetHtmlAsync($"/o/{organisation.Id}/rounds"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_settings_are_explained_and_nothing_is_saved()
    {
        var (organisation, client) = await HrAsync();
        var url = $"/o/{organisation.Id}/rounds/new?instrument=leerrijk-teamscan";

        var backwards = await (await client.PostFormAsync(url, Form(Today.AddDays(5), Today.AddDays(1)))).TextAsync();
        var past = await (await client.PostFormAsync(url, Form(Today.AddDays(-1), Today.AddDays(3)))).TextAsync();
        var lowK = await (await client.PostFormAsync(url, Form(Today, Today.AddDays(3), threshold: "2"))).TextAsync();
        var badRole = Form(Today, Today.AddDays(3));
        badRole["Input.Roles"] = "Baas";
        badRole["Input.ModuleId"] = "leerrijk-teamscan";
        var roleAndModule = await (await client.PostFormAsync(url, badRole)).TextAsync();
        var noInstrument = await client.PostFormAsync($"/o/{organisation.Id}/rounds/new?instrument=bestaat-niet", Form(Today, Today.AddDays(3)), url);

        Assert.Contains("De laatste dag moet op of na de eerste dag liggen.", backwards, StringComparison.Ordinal);
        Assert.Contains("kan niet in het verleden beginnen", past, StringComparison.Ordinal);
        Assert.Contains("Kies minstens 3.", lowK, StringComparison.Ordinal);
        Assert.Contains("Kies een waarde uit de lijst.", roleAndModule, StringComparison.Ordinal);
        Assert.Contains("Kies eerst een scan.", await noInstrument.TextAsync(), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.False(await Db(scope).Rounds.AnyAsync(r => r.OrganisationId == organisation.Id));
    }

    [Fact]
    public async Task A_module_is_stored_with_its_own_version()
    {
        var (organisation, client) = await HrAsync(OrganisationRole.Owner);
        var url = $"/o/{organisation.Id}/rounds/new?instrument=leerrijk-teamscan";
        var form = Form(Today, Today.AddDays(7));
        form["Input.ModuleId"] = "leerklimaat-monitor";

        await client.PostFormAsync(url, form);

        using var scope = app.Services.CreateScope();
        var round = await Db(scope).Rounds.SingleAsync(r => r.OrganisationId == organisation.Id);
        Assert.Equal("leerklimaat-monitor", round.ModuleId);
        Assert.Equal(app.Services.GetRequiredService<Leerrijk.Web.Features.Instruments.InstrumentCatalog>().Find("leerklimaat-monitor")!.Version, round.ModuleVersion);
        Assert.NotNull(round.ModuleFingerprint);
    }

    [Fact]
    public async Task A_viewer_sees_rounds_but_cannot_open_or_close_one()
    {
        var (organisation, viewer) = await HrAsync(OrganisationRole.Viewer);

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/o/{organisation.Id}/rounds")).StatusCode);
        var open = await viewer.GetAsync($"/o/{organisation.Id}/rounds/new");
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", open.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_asks_first_then_ends_the_round_today_and_stops_inviting_people_in()
    {
        var (organisation, client) = await HrAsync();
        var created = await client.PostFormAsync($"/o/{organisation.Id}/rounds/new?instrument=leerrijk-teamscan", Form(Today, Today.AddDays(7)));
        var details = created.Headers.Location!.OriginalString;

        var unconfirmed = await client.PostFormAsync(details + "?handler=Close", new(), details);
        var asking = await client.GetHtmlAsync(unconfirmed.Headers.Location!.OriginalString);
        using var scope = app.Services.CreateScope();
        Assert.Null((await Db(scope).Rounds.SingleAsync(r => r.OrganisationId == organisation.Id)).ClosedAtUtc);
        Assert.EndsWith("?sluiten=ja", unconfirmed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("Deze meting nu sluiten?", asking, StringComparison.Ordinal);
        Assert.Contains("name=\"confirmed\" value=\"true\"", asking, StringComparison.Ordinal);

        await client.PostFormAsync(details + "?handler=Close", new() { ["confirmed"] = "true" }, details);
        var after = await client.GetHtmlAsync(details);

        Db(scope).ChangeTracker.Clear();
        var round = await Db(scope).Rounds.SingleAsync(r => r.OrganisationId == organisation.Id);
        Assert.NotNull(round.ClosedAtUtc);
        Assert.Equal(Today, round.ClosesOn);
        Assert.DoesNotContain("Deel de link, hang de poster op", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Meting nu sluiten", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hr_closes_a_round_by_hand_and_closing_twice_changes_nothing()
    {
        var (organisation, client) = await HrAsync();
        var url = $"/o/{organisation.Id}/rounds/new?instrument=leerrijk-teamscan";
        var created = await client.PostFormAsync(url, Form(Today, Today.AddDays(7)));
        var details = created.Headers.Location!.OriginalString;

        var closed = await client.PostFormAsync(details + "?handler=Close", new() { ["confirmed"] = "true" }, details);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        using var scope = app.Services.CreateScope();
        var first = (await Db(scope).Rounds.SingleAsync(r => r.OrganisationId == organisation.Id)).ClosedAtUtc;
        await client.PostFormAsync(details + "?handler=Close", new() { ["confirmed"] = "true" }, details);

        Db(scope).ChangeTracker.Clear();
        var round = await Db(scope).Rounds.SingleAsync(r => r.OrganisationId == organisation.Id);
        Assert.NotNull(first);
        Assert.Equal(first, round.ClosedAtUtc);
        Assert.Equal(RoundStatus.Closed, round.StatusOn(Today));
        Assert.Contains("Gesloten", await client.GetHtmlAsync(details), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rounds_close_themselves_the_day_after_their_last_day()
    {
        var (organisation, client) = await HrAsync();
        var url = $"/o/{organisation.Id}/rounds/new?instrument=leerrijk-teamscan";
        await client.PostFormAsync(url, Form(Today, Today.AddDays(2)));
        var closer = app.Services.GetRequiredService<RoundCloser>();

        await closer.CloseDueAsync(Today.AddDays(2));
        using (var scope = app.Services.CreateScope())
        {
            Assert.Null((await Db(scope).Rounds.SingleAsync(r => r.OrganisationId == organisation.Id)).ClosedAtUtc);
        }

        // Someone started but never sent: the draft lives while the round is open.
        using (var scope = app.Services.CreateScope())
        {
            var code = (await Db(scope).Rounds.SingleAsync(r => r.OrganisationId == organisation.Id)).Code;
            await app.CreateBrowserClient().PostFormAsync($"/s/{code}", new() { ["Role"] = "Employee" });
            Assert.True(await Db(scope).ResponseDrafts.AnyAsync(d => d.OrganisationId == organisation.Id));
        }

        var closed = await closer.CloseDueAsync(Today.AddDays(3));

        Assert.True(closed >= 1);
        using (var scope = app.Services.CreateScope())
        {
            var round = await Db(scope).Rounds.SingleAsync(r => r.OrganisationId == organisation.Id);
            Assert.NotNull(round.ClosedAtUtc);
            Assert.False(await Db(scope).ResponseDrafts.AnyAsync(d => d.RoundId == round.Id), "unsent drafts of a closed round are removed");
        }
    }
}
