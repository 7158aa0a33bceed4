using System.Net;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.QuickScan;

/// <summary>/snelscan: an owner's quick scan without an account; kept only when they sign up and create their company.</summary>
public sealed class QuickScanTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private Dictionary<string, string> Answers(Func<int, string> value)
    {
        var instrument = app.Services.GetRequiredService<InstrumentCatalog>().Find("snelscan-ondernemer")!;
        return instrument.Items.Select((item, i) => (item, i)).ToDictionary(x => "a-" + x.item.Id, x => value(x.i));
    }

    [Fact]
    public async Task Anyone_sees_a_profile_and_three_first_steps_and_nothing_is_stored()
    {
        var client = app.CreateBrowserClient();
        var before = await CountAsync();

        var response = await client.PostFormAsync("/snelscan", new(Answers(i => i % 3 == 0 ? "2" : "4")) { ["Size"] = "Small" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        Assert.Contains("Uw uitslag", html, StringComparison.Ordinal);
        Assert.Contains("Drie eerste stappen", html, StringComparison.Ordinal);
        Assert.Equal(3, StepSlugs(html).Count);
        Assert.Equal(before, await CountAsync());
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("Leerrijk.Snelscan", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Bad_answers_are_named_and_too_few_answers_are_refused()
    {
        var client = app.CreateBrowserClient();

        var bad = await client.PostFormAsync("/snelscan", new(Answers(i => i == 0 ? "9" : "3")));
        var few = await client.PostFormAsync("/snelscan", new(Answers(i => i < 2 ? "3" : "dk")));

        Assert.Contains("Dit antwoord kennen we niet", await bad.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("Beantwoord minstens de helft van de vragen", await few.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keeping_the_result_carries_it_through_sign_up_to_the_new_company_and_its_dashboard()
    {
        var user = await app.CreateUserAsync();
        var client = app.CreateBrowserClient();

        var keep = await client.PostFormAsync("/snelscan?handler=Keep", Answers(i => "4"), "/snelscan");
        Assert.Equal(HttpStatusCode.Redirect, keep.StatusCode);
        Assert.StartsWith("/Account/Register", keep.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = LeerrijkAppFactory.Password });
        Assert.Contains("Uw snelscan wordt bewaard", await client.GetHtmlAsync("/organisations/new"), StringComparison.Ordinal);

        var created = await client.PostFormAsync("/organisations/new", new()
        {
            ["Input.Name"] = "Snelscan BV",
            ["Input.SbiSection"] = "F",
            ["Input.SizeClass"] = "Small",
            ["Input.ProvinceId"] = "zeeland",
            ["Input.LabourMarketRegionId"] = "zeeland",
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var dashboard = await client.GetHtmlAsync(created.Headers.Location!.OriginalString);
        Assert.Contains("Uw bedrijf is aangemaakt en uw snelscan is bewaard.", dashboard, StringComparison.Ordinal);
        Assert.Contains("Uw snelscan van", dashboard, StringComparison.Ordinal);
        Assert.Contains("Open een teammeting", dashboard, StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var organisation = await db.Organisations.SingleAsync(o => o.Name == "Snelscan BV");
        Assert.Equal(1, await db.QuickScanResults.CountAsync(r => r.OrganisationId == organisation.Id));
    }

    [Fact]
    public async Task Signing_up_keeps_the_same_three_steps_and_each_can_go_into_the_plan()
    {
        var user = await app.CreateUserAsync();
        var client = app.CreateBrowserClient();
        var answers = new Dictionary<string, string>(Answers(i => i % 2 == 0 ? "1" : "5")) { ["Size"] = "Micro" };
        var result = await (await client.PostFormAsync("/snelscan", answers)).TextAsync();
        var shown = StepSlugs(result);
        Assert.Equal(3, shown.Count);
        Assert.Contains("<figure class=\"chart\">", result, StringComparison.Ordinal);

        await client.PostFormAsync("/snelscan?handler=Keep", answers, "/snelscan");
        await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = LeerrijkAppFactory.Password });
        var form = await client.GetHtmlAsync("/organisations/new");
        Assert.Contains("<option value=\"Micro\" selected=\"selected\">", form, StringComparison.Ordinal);
        var created = await client.PostFormAsync("/organisations/new", new()
        {
            ["Input.Name"] = "Stappen BV",
            ["Input.SbiSection"] = "F",
            ["Input.SizeClass"] = "Micro",
            ["Input.ProvinceId"] = "zeeland",
            ["Input.LabourMarketRegionId"] = "zeeland",
        });
        var dashboardUrl = created.Headers.Location!.OriginalString;
        var dashboard = await client.GetHtmlAsync(dashboardUrl);

        Assert.Equal(shown, StepSlugs(dashboard));
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(dashboard, "plan\\?handler=Add").Count);
        var added = await client.PostLoadedFormAsync(dashboardUrl.TrimEnd('/') + "/plan?handler=Add", dashboard, new() { ["slug"] = shown[1] });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var organisation = await db.Organisations.SingleAsync(o => o.Name == "Stappen BV");
        var steps = await db.Set<Leerrijk.Web.Features.ActionPlan.ActionStep>().IgnoreQueryFilters().Where(s => s.OrganisationId == organisation.Id).ToListAsync();
        Assert.Equal(shown[1], Assert.Single(steps).InterventionSlug);
        var kept = await db.QuickScanResults.IgnoreQueryFilters().SingleAsync(r => r.OrganisationId == organisation.Id);
        Assert.Equal(Leerrijk.Web.Features.Organisations.SizeClass.Micro, kept.SizeClass);
    }

    [Fact]
    public async Task The_quick_scan_offers_the_organisation_forms_size_classes()
    {
        var user = await app.CreateUserAsync();
        var client = await app.LoggedInClientAsync(user.Email!);

        var quickScan = SizeOptions(await client.GetHtmlAsync("/snelscan"), "Size");
        var organisation = SizeOptions(await client.GetHtmlAsync("/organisations/new"), "Input.SizeClass");

        Assert.Equal(4, organisation.Count);
        Assert.Equal(organisation, quickScan);
    }

    private static List<string> StepSlugs(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, "<strong><a href=\"/menukaart/([^\"]+)\">").Select(m => m.Groups[1].Value)];

    /// <summary>The non-empty options of a select, as "value=label".</summary>
    private static List<string> SizeOptions(string html, string name)
    {
        var select = System.Text.RegularExpressions.Regex.Match(html, "<select[^>]*name=\"" + System.Text.RegularExpressions.Regex.Escape(name) + "\"[^>]*>(.*?)</select>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(select.Success, name);
        return [.. System.Text.RegularExpressions.Regex.Matches(select.Groups[1].Value, "<option value=\"([^\"]+)\"[^>]*>([^<]+)</option>").Select(m => m.Groups[1].Value + "=" + m.Groups[2].Value)];
    }

    private async Task<int> CountAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().QuickScanResults.CountAsync();
    }
}
