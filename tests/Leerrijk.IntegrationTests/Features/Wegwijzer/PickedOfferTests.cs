using System.Net;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Wegwijzer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Wegwijzer;

/// <summary>
/// The wegwijzer picked where money is decided: a plan step and a voucher name the offer that pays for them, chosen from
/// the offers that fit or may fit the company; a member's head count and turnover give the wegwijzer's reasons.
/// </summary>
public sealed class PickedOfferTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private const string NotAChoice = "Deze regeling staat niet in de lijst voor uw bedrijf.";

    [Fact]
    public async Task A_plan_step_names_a_fitting_offer_and_a_forged_or_ended_or_foreign_one_is_refused()
    {
        var (organisation, owner) = await app.OrganisationWithOwnerAsync(); // Gelderland, Achterhoek, sector C, small
        var plan = $"/o/{organisation.Id}/plan";

        var created = await owner.PostFormAsync($"{plan}?handler=Create", new() { ["Input.Title"] = "Leermeesters opleiden", ["Input.OfferSlug"] = "gelrepact" }, plan);
        var step = await StepAsync(organisation.Id);
        var page = await owner.GetHtmlAsync(plan);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("gelrepact", step.OfferSlug);
        Assert.Contains("<a href=\"/wegwijzer#aanbod-gelrepact\">Gelrepact</a>", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"gelrepact\" selected=\"selected\">Gelrepact (Past)</option>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"stap-budget\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"beyond-limburg\"", page, StringComparison.Ordinal);

        foreach (var forged in new[] { "stap-budget", "beyond-limburg", "leercultuurscans", "bestaat-niet" }) // ended, Limburg only, a scan, unknown
        {
            var refused = await owner.PostFormAsync($"{plan}?handler=Update", Update(step, forged), plan);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(NotAChoice, await refused.TextAsync(), StringComparison.Ordinal);
            Assert.Equal(("gelrepact", 0), (await StepAsync(organisation.Id)) is var s ? (s.OfferSlug, s.Version) : default);
        }

        var cleared = await owner.PostFormAsync($"{plan}?handler=Update", Update(step, ""), plan);
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Null((await StepAsync(organisation.Id)).OfferSlug);
    }

    [Fact]
    public async Task A_step_keeps_its_offer_after_the_offer_ended_but_no_other_step_can_pick_it()
    {
        var (organisation, owner) = await app.OrganisationWithOwnerAsync();
        var offer = await TestOffers.AddAsync(app, o => o);
        var plan = $"/o/{organisation.Id}/plan";
        await owner.PostFormAsync($"{plan}?handler=Create", new() { ["Input.Title"] = "Stap met voucher", ["Input.OfferSlug"] = offer.Slug }, plan);
        var step = await StepAsync(organisation.Id);
        await EndAsync(offer.Slug);

        var kept = await owner.PostFormAsync($"{plan}?handler=Update", Update(step, offer.Slug, note: "Nog steeds met die voucher"), plan);
        var other = await owner.PostFormAsync($"{plan}?handler=Create", new() { ["Input.Title"] = "Nieuwe stap", ["Input.OfferSlug"] = offer.Slug }, plan);

        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        Assert.Equal((offer.Slug, "Nog steeds met die voucher"), (await StepAsync(organisation.Id)) is var s ? (s.OfferSlug, s.Note) : default);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Contains(NotAChoice, await other.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("Gestopt", await owner.GetHtmlAsync(plan), StringComparison.Ordinal); // the plan says the kept offer ended
    }

    [Fact]
    public async Task A_voucher_picks_an_offer_which_names_its_scheme_and_the_register_links_it()
    {
        var (organisation, owner) = await app.OrganisationWithOwnerAsync();
        var list = $"/o/{organisation.Id}/vouchers";
        var form = new Dictionary<string, string> { ["Input.OfferSlug"] = "gelrepact", ["Input.Scheme"] = "", ["Input.Purpose"] = "Training voor leidinggevenden", ["Input.Status"] = "Idea" };

        var forged = await owner.PostFormAsync($"{list}?handler=Add", new Dictionary<string, string>(form) { ["Input.OfferSlug"] = "stap-budget" }, list);
        var nothing = await owner.PostFormAsync($"{list}?handler=Add", new Dictionary<string, string>(form) { ["Input.OfferSlug"] = "" }, list);
        var added = await owner.PostFormAsync($"{list}?handler=Add", form, list);
        var register = await owner.GetHtmlAsync(list);

        Assert.Contains(NotAChoice, await forged.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("Vul Regeling in.", await nothing.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        using var scope = app.Services.CreateScope();
        var voucher = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Vouchers.IgnoreQueryFilters().AsNoTracking().SingleAsync(v => v.OrganisationId == organisation.Id);
        Assert.Equal(("Gelrepact", "gelrepact"), (voucher.Scheme, voucher.OfferSlug));
        Assert.Contains("<a href=\"/wegwijzer#aanbod-gelrepact\">Gelrepact</a>", register, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_head_count_and_turnover_in_the_profile_slim_fits_and_says_why_on_the_wegwijzer_and_the_menukaart()
    {
        var (organisation, owner) = await app.OrganisationWithOwnerAsync();
        await ProfileAsync(organisation.Id, employees: 60, turnover: 4_000_000);

        var wegwijzer = await owner.GetHtmlAsync("/wegwijzer");
        var step = await owner.GetHtmlAsync("/menukaart/leercoach");

        Assert.Contains("id=\"medewerkers\" name=\"medewerkers\" type=\"text\" inputmode=\"numeric\" value=\"60\"", wegwijzer, StringComparison.Ordinal);
        var slim = wegwijzer[wegwijzer.IndexOf("<h2>SLIM-regeling (mkb)</h2>", StringComparison.Ordinal)..];
        Assert.StartsWith("<h2>SLIM-regeling (mkb)</h2>", slim, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge\">Past</span> U heeft 60 medewerkers: SLIM-regeling (mkb) is voor bedrijven tot 250.", slim, StringComparison.Ordinal);
        var pay = step[step.IndexOf("id=\"hoe-betaal-ik\"", StringComparison.Ordinal)..];
        pay = pay[..pay.IndexOf("</section>", StringComparison.Ordinal)];
        var slimItem = pay[pay.IndexOf("aanbod-slim-regeling", StringComparison.Ordinal)..];
        slimItem = slimItem[..slimItem.IndexOf("</li>", StringComparison.Ordinal)];
        Assert.Contains("<span class=\"badge\">Past</span>", slimItem, StringComparison.Ordinal);
        Assert.Contains("U heeft 60 medewerkers: SLIM-regeling (mkb) is voor bedrijven tot 250.", slimItem, StringComparison.Ordinal);
        Assert.Contains("Gecontroleerd op ", slimItem, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener noreferrer external\">Bron: ", slimItem, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Update(ActionStep step, string offer, string note = "") => new()
    {
        ["stepId"] = step.Id.ToString(),
        ["Input.Version"] = step.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Status"] = "Planned",
        ["Input.OfferSlug"] = offer,
        ["Input.Note"] = note,
    };

    private async Task<ActionStep> StepAsync(Guid organisation)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().ActionSteps.IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.OrganisationId == organisation);
    }

    private async Task EndAsync(string slug)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var row = await db.Offers.SingleAsync(o => o.Slug == slug);
        row.Json = OfferEntry.Write(row.Read() with { Status = OfferTerms.Ended });
        row.UpdatedAtUtc = DateTime.UtcNow;
        await db.SaveChangesAsync();
    }

    private async Task ProfileAsync(Guid organisation, int employees, long turnover)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var row = await db.Organisations.SingleAsync(o => o.Id == organisation);
        (row.Employees, row.TurnoverEuros, row.SizeClass, row.SbiSection) = (employees, turnover, SizeClass.Medium, "F");
        await db.SaveChangesAsync();
    }
}
