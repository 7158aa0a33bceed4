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

        var response = await client.PostFormAsync("/snelscan", new(Answers(i => i % 3 == 0 ? "2" : "4")) { ["Size"] = "small" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        Assert.Contains("Uw uitslag", html, StringComparison.Ordinal);
        Assert.Contains("Drie eerste stappen", html, StringComparison.Ordinal);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(html, "<li><strong><a href=\"/menukaart/").Count);
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

    private async Task<int> CountAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().QuickScanResults.CountAsync();
    }
}
