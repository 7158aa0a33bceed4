using System.Net;
using Leerrijk.Web.Features.Programmes;
using Leerrijk.Web.Features.Support;
using Microsoft.EntityFrameworkCore;
using static Leerrijk.IntegrationTests.Features.Programmes.ProgrammeTestData;

namespace Leerrijk.IntegrationTests.Features.Programmes;

/// <summary>A coordinator sets up a programme and its managers; bad input is explained beside its field and stores nothing.</summary>
public sealed class ProgrammeSetupTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static string NewPage(Guid supportId) => $"/support/{supportId}/programmas/nieuw";

    private static string EditPage(Guid programmeId) => $"/programma/{programmeId}/bewerken";

    /// <summary>A valid form; <paramref name="change"/> replaces or removes (null) fields.</summary>
    private static List<(string, string)> Form(params (string Name, string? Value)[] change)
    {
        var fields = new List<(string Name, string Value)>
        {
            ("Input.Name", "LeercultuurMKB Achterhoek"),
            ("Input.Description", "Leren op het werk gewoon maken.\nVoor 48 bedrijven."),
            ("Input.StartsOn", Day(Today)),
            ("Input.EndsOn", Day(Today.AddYears(2))),
            ("Input.ProvinceIds", "gelderland"),
            ("Input.LabourMarketRegionIds", "achterhoek"),
            ("Input.SbiSections", "C"),
            ("Input.SbiSections", "F"),
            ("Input.InstrumentIds", "leerrijk-teamscan"),
            ("Input.InstrumentIds", "krachtmeting-leerwerkomgeving"),
            ("Input.TargetCompanies", "48"),
            ("Input.TargetBaselines", "40"),
            ("Input.TargetPlans", "30"),
            ("Input.TargetFollowUps", "20"),
            ("Input.TargetDevelopmentPlanPercent", "50"),
            ("Input.TargetTrainedPercent", "33,3"),
            ("Input.MinCompanies", "7"),
        };
        foreach (var (name, value) in change)
        {
            fields.RemoveAll(f => f.Name == name);
            if (value is not null)
            {
                fields.Add((name, value));
            }
        }

        return fields;
    }

    private Task<int> ProgrammesOfAsync(Guid supportId) => app.ReadAsync(db => db.Programmes.CountAsync(p => p.SupportOrganisationId == supportId));

    [Fact]
    public async Task A_coordinator_creates_a_programme_that_is_listed_against_its_target()
    {
        var c = await app.CoordinatorAsync();

        var caseload = await c.Client.GetHtmlAsync($"/support/{c.Support.Id}");
        Assert.Contains($"href=\"/support/{c.Support.Id}/programmas\"", caseload, StringComparison.Ordinal);
        Assert.Contains("Nieuw programma", await c.Client.GetHtmlAsync($"/support/{c.Support.Id}/programmas"), StringComparison.Ordinal);

        var created = await c.Client.PostFormFieldsAsync(NewPage(c.Support.Id), Form());
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var programme = await app.ReadAsync(db => db.Programmes.SingleAsync(p => p.SupportOrganisationId == c.Support.Id));
        Assert.Equal($"/programma/{programme.Id}/deelnemers", created.Headers.Location!.OriginalString);
        Assert.Equal(
            ("LeercultuurMKB Achterhoek", "Leren op het werk gewoon maken.\nVoor 48 bedrijven.", Today, Today.AddYears(2)),
            (programme.Name, programme.Description, programme.StartsOn, programme.EndsOn));
        Assert.Equal(["gelderland"], programme.ProvinceIds);
        Assert.Equal(["achterhoek"], programme.LabourMarketRegionIds);
        Assert.Equal(["C", "F"], programme.SbiSections);
        Assert.Equal(["krachtmeting-leerwerkomgeving", "leerrijk-teamscan"], programme.InstrumentIds.Order(StringComparer.Ordinal));
        Assert.Equal((48, 40, 30, 20, 50m, 33.3m, 7),
            (programme.TargetCompanies, programme.TargetBaselines, programme.TargetPlans, programme.TargetFollowUps,
             programme.TargetDevelopmentPlanPercent, programme.TargetTrainedPercent, programme.MinCompanies));

        var list = await c.Client.GetHtmlAsync($"/support/{c.Support.Id}/programmas");
        Assert.Contains("LeercultuurMKB Achterhoek", list, StringComparison.Ordinal);
        Assert.Contains("0 van 48", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_bad_input_is_explained_beside_its_field_and_nothing_is_stored()
    {
        var c = await app.CoordinatorAsync();
        (string Field, string? Value, string Message, string? Beside)[] cases =
        [
            ("Input.Name", "", "Vul Naam van het programma in.", null),
            ("Input.Name", new string('x', Programme.NameMaxLength + 1), "Naam van het programma", null),
            ("Input.Name", "Programma\u202Eteertsinimda", "Naam van het programma", null),
            ("Input.Description", new string('x', Programme.DescriptionMaxLength + 1), "Beschrijving", null),
            ("Input.StartsOn", "", "Vul Begindatum in.", null),
            ("Input.StartsOn", "gisteren", "Begindatum", null),
            ("Input.StartsOn", Day(Today.AddYears(6)), "Begindatum moet tussen", null),
            ("Input.StartsOn", "1999-12-31", "Begindatum moet tussen", null),
            ("Input.EndsOn", "", "Vul Einddatum in.", null),
            ("Input.EndsOn", Day(Today), "Kies een einddatum na de begindatum.", null),
            ("Input.EndsOn", Day(Today.AddYears(10).AddDays(1)), "Een programma duurt hoogstens 10 jaar.", null),
            ("Input.ProvinceIds", "atlantis", "Kies een waarde uit de lijst.", null),
            ("Input.LabourMarketRegionIds", "atlantis", "Kies een waarde uit de lijst.", null),
            ("Input.SbiSections", "Z", "Kies een waarde uit de lijst.", null),
            ("Input.InstrumentIds", null, "Kies minstens één scan.", "instruments-error"),
            ("Input.InstrumentIds", "leerklimaat-monitor", "Kies een waarde uit de lijst.", "instruments-error"),
            ("Input.InstrumentIds", "bestaat-niet", "Kies een waarde uit de lijst.", "instruments-error"),
            ("Input.TargetCompanies", "-1", "Aantal bedrijven dat meedoet kan niet negatief zijn", null),
            ("Input.TargetCompanies", "100001", "Aantal bedrijven dat meedoet moet tussen 0 en 100.000 liggen.", null),
            ("Input.TargetCompanies", "veel", "Aantal bedrijven dat meedoet", null),
            ("Input.TargetCompanies", "12,5", "Aantal bedrijven dat meedoet moet een heel getal zijn", null),
            ("Input.TargetBaselines", "49", "Aantal bedrijven met een nulmeting kan niet hoger zijn dan Aantal bedrijven dat meedoet (48).", null),
            ("Input.TargetPlans", "49", "Aantal bedrijven met een actieplan kan niet hoger zijn dan Aantal bedrijven dat meedoet (48).", null),
            ("Input.TargetFollowUps", "41", "Aantal bedrijven met een vervolgmeting kan niet hoger zijn dan Aantal bedrijven met een nulmeting (40).", null),
            ("Input.TargetDevelopmentPlanPercent", "101", "Medewerkers met een ontwikkelplan (%) moet tussen 0 en 100 liggen.", null),
            ("Input.TargetTrainedPercent", "-5", "kan niet negatief zijn", null),
            ("Input.TargetTrainedPercent", "33,33", "Medewerkers met scholing in de laatste 12 maanden (%)", null),
            ("Input.MinCompanies", "4", "Minimum aantal bedrijven per cijfer moet tussen 5 en 100 liggen.", null),
            ("Input.MinCompanies", "101", "Minimum aantal bedrijven per cijfer moet tussen 5 en 100 liggen.", null),
            ("Input.MinCompanies", "", "Vul Minimum aantal bedrijven per cijfer in.", null),
        ];

        foreach (var (field, value, message, beside) in cases)
        {
            var response = await c.Client.PostFormFieldsAsync(NewPage(c.Support.Id), Form((field, value)));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{field}={value} gave {(int)response.StatusCode}");
            var html = await response.TextAsync();
            var shown = beside is null ? ErrorBeside(html, field) : System.Text.RegularExpressions.Regex.Match(html, $"id=\"{beside}\">([^<]*)<").Groups[1].Value;
            Assert.True(shown.Contains(message, StringComparison.Ordinal), $"{field}={value}: expected '{message}' beside the field, found '{shown}'");
        }

        Assert.Equal(0, await ProgrammesOfAsync(c.Support.Id));

        // The same form with the field put right is stored, so each refusal above was that field's rule.
        Assert.Equal(HttpStatusCode.Redirect, (await c.Client.PostFormFieldsAsync(NewPage(c.Support.Id), Form())).StatusCode);
        Assert.Equal(1, await ProgrammesOfAsync(c.Support.Id));
    }

    [Fact]
    public async Task The_company_threshold_can_change_until_the_first_company_joins_and_is_then_fixed()
    {
        var c = await app.CoordinatorAsync();
        var programme = await app.ProgrammeAsync(c.Support.Id);

        var edit = await c.Client.GetHtmlAsync(EditPage(programme.Id));
        Assert.DoesNotContain("Vastgelegd voor deze periode", edit, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await c.Client.PostFormFieldsAsync(EditPage(programme.Id), Form(("Input.Name", "Nieuwe naam"), ("Input.MinCompanies", "10")))).StatusCode);
        var saved = await app.ReadAsync(db => db.Programmes.SingleAsync(p => p.Id == programme.Id));
        Assert.Equal(("Nieuwe naam", 10), (saved.Name, saved.MinCompanies));

        var owner = await app.CreateUserAsync();
        var company = await app.CreateOrganisationAsync(owner.Id);
        var joined = await app.JoinedAsync(programme, company.Id, owner.Id);
        await app.ChangeAsync(async db => (await db.ProgrammeParticipants.SingleAsync(p => p.Id == joined.Id)).LeftAtUtc = DateTime.UtcNow);

        // Even after that company left: its figures were computed with this threshold.
        edit = await c.Client.GetHtmlAsync(EditPage(programme.Id));
        Assert.Contains("Vastgelegd voor deze periode", edit, StringComparison.Ordinal);
        Assert.Matches("<input(?=[^>]*name=\"Input.MinCompanies\")(?=[^>]*readonly)[^>]*>", edit);
        var posted = await c.Client.PostFormFieldsAsync(EditPage(programme.Id), Form(("Input.Name", "Weer anders"), ("Input.MinCompanies", "50")));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        saved = await app.ReadAsync(db => db.Programmes.SingleAsync(p => p.Id == programme.Id));
        Assert.Equal(("Weer anders", 10), (saved.Name, saved.MinCompanies));

        // A refused form shows the fixed threshold, not what was posted.
        var refused = await c.Client.PostFormFieldsAsync(EditPage(programme.Id), Form(("Input.Name", ""), ("Input.MinCompanies", "50")));
        Assert.Matches("<input(?=[^>]*name=\"Input.MinCompanies\")(?=[^>]*value=\"10\")[^>]*>", await refused.TextAsync());
    }

    [Fact]
    public async Task A_coordinator_adds_a_manager_by_account_who_reads_the_programme_but_cannot_change_it()
    {
        var c = await app.CoordinatorAsync();
        var programme = await app.ProgrammeAsync(c.Support.Id);
        var other = await app.ProgrammeAsync(c.Support.Id);
        var managers = $"/programma/{programme.Id}/beheerders";

        var unknown = await c.Client.PostFormAsync(managers + "?handler=Add", new() { ["Input.Email"] = "niemand-hier@example.test" }, managers);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("Er is geen Leerrijk-account met het adres niemand-hier@example.test.", ErrorBeside(await unknown.TextAsync(), "Input.Email"), StringComparison.Ordinal);
        Assert.Equal(0, await app.ReadAsync(db => db.ProgrammeManagers.CountAsync(m => m.ProgrammeId == programme.Id)));

        var funder = await app.CreateUserAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await c.Client.PostFormAsync(managers + "?handler=Add", new() { ["Input.Email"] = funder.Email!.ToUpperInvariant() }, managers)).StatusCode);
        var again = await c.Client.PostFormAsync(managers + "?handler=Add", new() { ["Input.Email"] = funder.Email! }, managers);
        Assert.Contains("is al beheerder van dit programma", await again.TextAsync(), StringComparison.Ordinal);
        Assert.Equal([funder.Id], await app.ReadAsync(db => db.ProgrammeManagers.Where(m => m.ProgrammeId == programme.Id).Select(m => m.UserId).ToListAsync()));

        // The manager (not a member of the support organisation) lands on their programmes and reads the participants.
        var manager = await app.LoggedInClientAsync(funder.Email!);
        var start = await manager.GetAsync("/organisations");
        Assert.Equal("/support", start.Headers.Location!.OriginalString);
        var following = await manager.GetHtmlAsync("/support");
        Assert.Contains("Programma's die u volgt", following, StringComparison.Ordinal);
        Assert.Contains(programme.Name, following, StringComparison.Ordinal);
        Assert.DoesNotContain(other.Name, following, StringComparison.Ordinal);
        var participants = await manager.GetHtmlAsync($"/programma/{programme.Id}/deelnemers");
        Assert.DoesNotContain("Een bedrijf uitnodigen", participants, StringComparison.Ordinal);

        // Coordinator pages: 403; the other programme of the same support organisation: 404.
        Assert.True(IsForbidden(await manager.GetAsync(EditPage(programme.Id))));
        Assert.True(IsForbidden(await manager.GetAsync(managers)));
        Assert.True(IsForbidden(await manager.PostFormAsync($"/programma/{programme.Id}/deelnemers?handler=Invite", new() { ["Input.Email"] = "x@example.test", ["Input.Language"] = "nl" }, $"/programma/{programme.Id}/deelnemers")));
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/programma/{other.Id}/deelnemers")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/support/{c.Support.Id}/programmas")).StatusCode);

        var managerId = await app.ReadAsync(db => db.ProgrammeManagers.Where(m => m.ProgrammeId == programme.Id).Select(m => m.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await c.Client.PostFormAsync($"/programma/{other.Id}/beheerders?handler=Remove", new() { ["managerId"] = managerId.ToString() }, managers)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await c.Client.PostFormAsync(managers + "?handler=Remove", new() { ["managerId"] = managerId.ToString() }, managers)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/programma/{programme.Id}/deelnemers")).StatusCode);
    }

    [Fact]
    public async Task An_adviser_who_is_not_a_coordinator_is_refused_the_coordinators_pages()
    {
        var c = await app.CoordinatorAsync();
        var programme = await app.ProgrammeAsync(c.Support.Id);
        var adviser = await app.CreateUserAsync();
        await app.AddSupportMemberAsync(c.Support.Id, adviser.Id, SupportRole.Adviser);
        var client = await app.LoggedInClientAsync(adviser.Email!);

        Assert.DoesNotContain("/programmas", await client.GetHtmlAsync($"/support/{c.Support.Id}"), StringComparison.Ordinal);
        Assert.True(IsForbidden(await client.GetAsync($"/support/{c.Support.Id}/programmas")));
        Assert.True(IsForbidden(await client.GetAsync(NewPage(c.Support.Id))));

        // Not a manager: the programme does not exist for them. Made a manager: read yes, change no.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(EditPage(programme.Id))).StatusCode);
        await app.ChangeAsync(db =>
        {
            db.ProgrammeManagers.Add(new ProgrammeManager { ProgrammeId = programme.Id, UserId = adviser.Id });
            return Task.CompletedTask;
        });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/programma/{programme.Id}/deelnemers")).StatusCode);
        Assert.True(IsForbidden(await client.GetAsync(EditPage(programme.Id))));
        Assert.True(IsForbidden(await client.GetAsync($"/programma/{programme.Id}/beheerders")));

        // A coordinator of another support organisation does not see this programme at all.
        var stranger = await app.CoordinatorAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync(EditPage(programme.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/support/{c.Support.Id}/programmas")).StatusCode);
        Assert.Equal(1, await ProgrammesOfAsync(c.Support.Id));
    }
}
