using System.Net;
using Leerrijk.Web.Features.Instruments;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Instruments;

public sealed class InstrumentPagesTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private InstrumentCatalog Catalog => app.Services.GetRequiredService<InstrumentCatalog>();

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task The_library_lists_every_instrument_in_the_chosen_language(string lang)
    {
        var html = await app.CreateBrowserClient().GetHtmlAsync($"/instrumenten?lang={lang}");

        Assert.NotEmpty(Catalog.All);
        Assert.All(Catalog.All, i => Assert.Contains(i.Title.For(lang), html, StringComparison.Ordinal));
        Assert.All(Catalog.All, i => Assert.Contains($"href=\"/instrumenten/{i.Id}\"", html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_instrument_previews_every_question_in_both_languages_for_every_role()
    {
        var client = app.CreateBrowserClient();
        foreach (var instrument in Catalog.All)
        {
            foreach (var lang in new[] { "nl", "en" })
            {
                foreach (var role in instrument.Roles)
                {
                    var response = await client.GetAsync($"/instrumenten/{instrument.Id}?rol={role}&lang={lang}");
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    var html = await response.TextAsync();
                    Assert.Contains(instrument.Introduction.For(lang), html, StringComparison.Ordinal);
                    foreach (var item in instrument.Items)
                    {
                        Assert.True(
                            html.Contains(item.TextFor(role).For(lang), StringComparison.Ordinal),
                            $"{instrument.Id} ({role}, {lang}) does not show item {item.Id}");
                    }

                    Assert.Equal(instrument.Items.Count, CountOccurrences(html, "class=\"question\""));
                }
            }
        }
    }

    [Fact]
    public async Task Managers_see_their_own_wording()
    {
        var teamscan = Catalog.Find("leerrijk-teamscan")!;
        var feedback = teamscan.Items.Single(i => i.Id == "feedback");

        var manager = await app.CreateBrowserClient().GetHtmlAsync("/instrumenten/leerrijk-teamscan?rol=Manager");
        var employee = await app.CreateBrowserClient().GetHtmlAsync("/instrumenten/leerrijk-teamscan?rol=Employee");

        Assert.Contains(feedback.RoleText[Leerrijk.Scoring.Instruments.RespondentRole.Manager].Nl, manager, StringComparison.Ordinal);
        Assert.Contains(feedback.Text.Nl, employee, StringComparison.Ordinal);
        Assert.DoesNotContain(feedback.Text.Nl, manager, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_instrument_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowserClient().GetAsync("/instrumenten/bestaat-niet")).StatusCode);
    }

    [Fact]
    public async Task A_broken_instrument_file_stops_start_up_and_says_what_to_fix()
    {
        var folder = Directory.CreateTempSubdirectory("leerrijk-broken-");
        try
        {
            var good = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "content", "instruments", "leerrijk-teamscan.yaml"));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "leercultuurscan.yaml"), good.Replace("dimension: samen-leren", "dimension: autonomie", StringComparison.Ordinal));
            await using var broken = new BrokenInstrumentsApp(app, folder.FullName);

            var error = Assert.ThrowsAny<Exception>(() => broken.CreateClient());

            var message = error.ToString();
            Assert.Contains("leercultuurscan.yaml: items[8].dimension 'autonomie' is not declared", message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static int CountOccurrences(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private sealed class BrokenInstrumentsApp(LeerrijkAppFactory first, string folder) : LeerrijkAppFactory(first.Database, first.MailDirectory)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Instruments:Folder", folder);
        }
    }
}
