using System.Net;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Menukaart;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Leerrijk.IntegrationTests.Features.Menukaart;

/// <summary>The menukaart pages, and content files that seed the database without overwriting editors' changes.</summary>
public sealed class MenukaartTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Fact]
    public async Task Browsing_filtering_and_searching_the_menukaart_and_the_stories()
    {
        var client = app.CreateClient();
        var files = app.Services.GetRequiredService<MenukaartFiles>();
        var first = files.Interventions[0];
        using var scope = app.Services.CreateScope();
        var served = await scope.ServiceProvider.GetRequiredService<Leerrijk.Web.Features.Menukaart.Menukaart>().InterventionsAsync(default);

        var all = await client.GetHtmlAsync("/menukaart");
        var search = await client.GetHtmlAsync("/menukaart?q=" + Uri.EscapeDataString(first.Title.Nl));
        var cheap = await client.GetHtmlAsync("/menukaart?uren=2");
        var detail = await client.GetHtmlAsync("/menukaart/" + first.Slug);
        var stories = await client.GetHtmlAsync("/verhalen");
        var story = await client.GetHtmlAsync("/verhalen/" + files.Stories[0].Slug);

        Assert.True(served.Count >= files.Interventions.Count);
        Assert.Contains($"{served.Count} van de {served.Count} stappen", all, StringComparison.Ordinal);
        Assert.Contains(first.Title.Nl, search, StringComparison.Ordinal);
        Assert.Contains($"{served.Count(i => i.Hours <= 2)} van de {served.Count} stappen", cheap, StringComparison.Ordinal);
        Assert.Contains(first.Steps[0].Nl, detail, StringComparison.Ordinal);
        Assert.Contains(files.Stories[0].Title.Nl, stories, StringComparison.Ordinal);
        Assert.Contains(files.Stories[0].What.Nl, story, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_slug_is_404_with_a_search_box()
    {
        var client = app.CreateClient();

        var step = await client.GetAsync("/menukaart/bestaat-niet");
        var story = await client.GetAsync("/verhalen/bestaat-niet");

        Assert.Equal(HttpStatusCode.NotFound, step.StatusCode);
        Assert.Contains("type=\"search\"", await step.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, story.StatusCode);
        Assert.Contains("type=\"search\"", await story.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_files_are_imported_changed_files_update_untouched_rows_and_editors_changes_are_kept()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        Intervention Step(string slug, string promise) => new(
            slug, new LocalizedText("Titel", "Title"), new LocalizedText(promise, promise), new LocalizedText("w", "w"),
            [new("a", "a"), new("b", "b"), new("c", "c")], 1, 0, [CompanySizes.Small], [], new Dictionary<string, IReadOnlyList<string>>());
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        MenukaartImporter Importer(params Intervention[] interventions) =>
            new(app.Services.GetRequiredService<IServiceScopeFactory>(), new MenukaartFiles(interventions, []), TimeProvider.System, NullLogger<MenukaartImporter>.Instance);

        Assert.Equal((2, 0), await Importer(Step("kept-" + suffix, "v1"), Step("updated-" + suffix, "v1")).ImportAsync(db, default));
        var edited = await db.MenukaartEntries.SingleAsync(e => e.Slug == "kept-" + suffix);
        edited.Json = MenukaartEntry.Serialize(Step("kept-" + suffix, "door de redactie"));
        edited.EditedInApp = true;
        await db.SaveChangesAsync();

        var result = await Importer(Step("kept-" + suffix, "v2"), Step("updated-" + suffix, "v2"), Step("new-" + suffix, "v1")).ImportAsync(db, default);

        Assert.Equal((1, 1), result);
        var menukaart = new Leerrijk.Web.Features.Menukaart.Menukaart(db);
        var rows = (await menukaart.InterventionsAsync(default)).Where(i => i.Slug.EndsWith(suffix, StringComparison.Ordinal)).ToDictionary(i => i.Slug);
        Assert.Equal("door de redactie", rows["kept-" + suffix].Promise.Nl);
        Assert.Equal("v2", rows["updated-" + suffix].Promise.Nl);
        Assert.Equal("v1", rows["new-" + suffix].Promise.Nl);
    }

    [Fact]
    public async Task An_editor_changes_a_step_in_markdown_and_scripts_and_javascript_links_never_reach_readers()
    {
        var slug = app.Services.GetRequiredService<MenukaartFiles>().Interventions[1].Slug;
        var editor = await app.LoggedInEditorAsync();
        var url = $"/menukaart/{slug}/bewerken";
        var form = await FormAsync(editor, url);
        form["Input.WhyNl"] = "Dit werkt **echt**. <script>alert('x')</script> [klik](javascript:alert(1)) <img src=x onerror=alert(2)>";

        var save = await editor.PostFormAsync(url, form);

        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        var page = await (await app.CreateClient().GetAsync($"/menukaart/{slug}")).Content.ReadAsStringAsync();
        Assert.Contains("<strong>echt</strong>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        using var scope = app.Services.CreateScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().MenukaartEntries.SingleAsync(e => e.Slug == slug && e.Kind == MenukaartEntry.InterventionKind)).EditedInApp);
    }

    [Fact]
    public async Task Invalid_edits_are_refused_with_a_message_and_only_editors_may_edit()
    {
        var slug = app.Services.GetRequiredService<MenukaartFiles>().Interventions[2].Slug;
        var editor = await app.LoggedInEditorAsync();
        var url = $"/menukaart/{slug}/bewerken";
        var form = await FormAsync(editor, url);
        form["Input.StepsNl"] = "Maar een stap";
        form["Input.TitleEn"] = "";

        var refused = await editor.PostFormAsync(url, form);
        var stranger = await (await app.LoggedInClientAsync((await app.CreateUserAsync()).Email!)).GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.TextAsync();
        Assert.Contains("Geef 3 tot 5 stappen", html, StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.False((await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().MenukaartEntries.SingleAsync(e => e.Slug == slug && e.Kind == MenukaartEntry.InterventionKind)).EditedInApp);
        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", stranger.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Input.TitleNl", "Meelopen\u202Enepoleem")]
    [InlineData("Input.WhyNl", "Dit werkt\u0007 echt.")]
    [InlineData("Input.PromiseEn", "Learn\uFFFF more")]
    public async Task An_edit_with_a_control_noncharacter_or_bidi_character_is_refused_and_nothing_changes(string field, string value)
    {
        // Strict input (issue #12): the same StorableText rule as every other typed name and text.
        var slug = app.Services.GetRequiredService<MenukaartFiles>().Interventions[3].Slug;
        var editor = await app.LoggedInEditorAsync();
        var url = $"/menukaart/{slug}/bewerken";
        var form = await FormAsync(editor, url);
        form[field] = value;

        var refused = await editor.PostFormAsync(url, form);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("teken dat we niet kunnen opslaan", await refused.TextAsync(), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.False((await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().MenukaartEntries.SingleAsync(e => e.Slug == slug && e.Kind == MenukaartEntry.InterventionKind)).EditedInApp);
    }


    /// <summary>The edit form's current values, as a browser would send them back.</summary>
    private static async Task<Dictionary<string, string>> FormAsync(HttpClient client, string url)
    {
        var html = await client.GetHtmlAsync(url);
        var fields = new Dictionary<string, string>();
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(html, "<input[^>]*name=\"(Input\\.[A-Za-z]+)\"[^>]*value=\"([^\"]*)\""))
        {
            fields[m.Groups[1].Value] = m.Groups[2].Value;
        }

        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(html, "<textarea[^>]*name=\"(Input\\.[A-Za-z]+)\"[^>]*>([^<]*)</textarea>"))
        {
            fields[m.Groups[1].Value] = m.Groups[2].Value.TrimStart('\n');
        }

        return fields;
    }

    [Fact]
    public async Task The_menukaart_and_stories_read_in_english_too()
    {
        var files = app.Services.GetRequiredService<MenukaartFiles>();
        var client = app.CreateClient();

        var menukaart = await client.GetHtmlAsync("/menukaart?lang=en");
        var story = await client.GetHtmlAsync($"/verhalen/{files.Stories[0].Slug}?lang=en");

        Assert.Contains("Menu card: first steps", menukaart, StringComparison.Ordinal);
        Assert.Contains(files.Interventions[0].Title.En, menukaart, StringComparison.Ordinal);
        Assert.Contains(files.Stories[0].Title.En, story, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_content_file_stops_start_up_and_says_what_to_fix()
    {
        var folder = Directory.CreateTempSubdirectory("leerrijk-menukaart-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "interventions"));
            var good = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "content", "interventions", "meelopen.yaml"));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "interventions", "meelopen.yaml"), good.Replace("leerrijk-teamscan:", "leerrijk-teamscan: [bestaat-niet]\n  oud-teamscan:", StringComparison.Ordinal));
            await using var broken = new BrokenContentApp(app, folder.FullName);

            var error = Assert.ThrowsAny<Exception>(() => broken.CreateClient());

            var message = error.ToString();
            Assert.Contains("interventions/meelopen.yaml", message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private sealed class BrokenContentApp(LeerrijkAppFactory first, string folder) : LeerrijkAppFactory(first.Database, first.MailDirectory)
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Menukaart:Folder", folder);
        }
    }
}
