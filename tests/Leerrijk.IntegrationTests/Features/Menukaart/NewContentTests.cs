using System.Net;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Menukaart;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Menukaart;

/// <summary>Editors add a first step and a practice story in the app; readers see them at once; bad input stores nothing.</summary>
public sealed class NewContentTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static List<KeyValuePair<string, string>> NewStep(string title) =>
    [
        new("Input.TitleNl", title),
        new("Input.TitleEn", "Lunch with the apprentice"),
        new("Input.PromiseNl", "Een keer per maand eet de leerling met een vakman."),
        new("Input.PromiseEn", "Once a month the apprentice has lunch with a craftsman."),
        new("Input.WhyNl", "Aan tafel komen **vragen** vanzelf."),
        new("Input.WhyEn", "At the table **questions** come by themselves."),
        new("Input.StepsNl", "Kies een dag.\nNodig een vakman uit.\nVraag wat hij geleerd heeft."),
        new("Input.StepsEn", "Pick a day.\nInvite a craftsman.\nAsk what he learned."),
        new("Input.Hours", "2"),
        new("Input.Euros", "60"),
        new("Input.Dimensions", "leerrijk-teamscan/ruimte-en-veiligheid"),
        new("Input.Dimensions", "leerrijk-teamscan/nieuwe-werkwijzen"),
        new("Input.Sizes", "micro"),
        new("Input.Sizes", "small"),
        new("Input.Sectors", "F"),
    ];

    [Fact]
    public async Task An_editor_adds_a_step_that_readers_find_and_filter_at_once()
    {
        var editor = await app.LoggedInEditorAsync();

        var added = await PostAsync(editor, "/menukaart/nieuw", NewStep("Lunch met de leerling"));
        var again = await PostAsync(editor, "/menukaart/nieuw", NewStep("Lunch met de leerling"));

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("/menukaart/lunch-met-de-leerling", added.Headers.Location!.OriginalString);
        Assert.Equal("/menukaart/lunch-met-de-leerling-2", again.Headers.Location!.OriginalString);
        var reader = app.CreateClient();
        var page = await reader.GetHtmlAsync("/menukaart/lunch-met-de-leerling");
        Assert.Contains("Een keer per maand eet de leerling met een vakman.", page, StringComparison.Ordinal);
        Assert.Contains("<strong>vragen</strong>", page, StringComparison.Ordinal);
        Assert.Contains("Nodig een vakman uit.", page, StringComparison.Ordinal);
        Assert.Contains("Lunch met de leerling", await reader.GetHtmlAsync("/menukaart?onderwerp=leerrijk-teamscan/nieuwe-werkwijzen&sector=F"), StringComparison.Ordinal);
        Assert.DoesNotContain("Lunch met de leerling", await reader.GetHtmlAsync("/menukaart?sector=A"), StringComparison.Ordinal);

        using var scope = app.Services.CreateScope();
        var entry = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().MenukaartEntries.SingleAsync(e => e.Slug == "lunch-met-de-leerling");
        Assert.True(entry.EditedInApp);
    }

    [Theory]
    [InlineData("Input.Dimensions", "leerrijk-teamscan/bestaat-niet", "Kies minstens één onderwerp uit de lijst.")]
    [InlineData("Input.Sizes", "enorm", "Kies een bedrijfsgrootte uit de lijst.")]
    [InlineData("Input.Sectors", "ZZ", "Kies een sector uit de lijst.")]
    [InlineData("Input.StepsEn", "Only one step.", "Geef 3 tot 5 stappen")]
    public async Task A_new_step_with_a_bad_field_is_refused_with_a_message_and_nothing_stored(string field, string value, string message)
    {
        var editor = await app.LoggedInEditorAsync();
        var title = "Foute stap " + Guid.NewGuid().ToString("N")[..6];
        var form = NewStep(title).Where(f => f.Key != field).Append(new(field, value)).ToList();

        var refused = await PostAsync(editor, "/menukaart/nieuw", form);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().MenukaartEntries.AnyAsync(e => e.Json.Contains(title)));
    }

    [Fact]
    public async Task An_editor_adds_a_story_that_names_the_steps_it_used()
    {
        var editor = await app.LoggedInEditorAsync();
        var step = app.Services.GetRequiredService<MenukaartFiles>().Interventions[0];

        var added = await PostAsync(editor, "/verhalen/nieuw",
        [
            new("Input.TitleNl", "Schilder leert van de klant"),
            new("Input.TitleEn", "Painter learns from the customer"),
            new("Input.CompanyNl", "Een schildersbedrijf met 8 mensen"),
            new("Input.CompanyEn", "A painting firm of 8 people"),
            new("Input.Size", "micro"),
            new("Input.Sector", "F"),
            new("Input.WhatNl", "Na elke klus belt de schilder de klant."),
            new("Input.WhatEn", "After each job the painter calls the customer."),
            new("Input.CostNl", "Een kwartier per klus."),
            new("Input.CostEn", "A quarter of an hour per job."),
            new("Input.ResultNl", "Minder klachten."),
            new("Input.ResultEn", "Fewer complaints."),
            new("Input.Estimate", "true"),
            new("Input.Interventions", step.Slug),
            new("Input.Source", "Gesprek met de eigenaar, 1 december 2026"),
        ]);

        Assert.Equal("/verhalen/schilder-leert-van-de-klant", added.Headers.Location!.OriginalString);
        var page = await app.CreateClient().GetHtmlAsync("/verhalen/schilder-leert-van-de-klant");
        Assert.Contains("Na elke klus belt de schilder de klant.", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/menukaart/{step.Slug}\"", page, StringComparison.Ordinal);
        Assert.Contains("Schilder leert van de klant", await app.CreateClient().GetHtmlAsync($"/menukaart/{step.Slug}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_story_without_a_step_or_source_is_refused_and_only_editors_may_add()
    {
        var editor = await app.LoggedInEditorAsync();
        var stranger = await app.LoggedInClientAsync((await app.CreateUserAsync()).Email!);

        var refused = await PostAsync(editor, "/verhalen/nieuw", [new("Input.TitleNl", "Zonder stap"), new("Input.Size", "micro")]);
        var forbidden = await stranger.GetAsync("/verhalen/nieuw");
        var anonymous = await app.CreateBrowserClient().GetAsync("/menukaart/nieuw");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Kies minstens één stap van de menukaart.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.StartsWith("/Account/AccessDenied", forbidden.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().MenukaartEntries.AnyAsync(e => e.Json.Contains("Zonder stap")));
    }

    [Fact]
    public async Task Editors_see_the_add_links_and_readers_do_not()
    {
        var editor = await app.LoggedInEditorAsync();

        Assert.Contains("href=\"/menukaart/nieuw\"", await editor.GetHtmlAsync("/menukaart"), StringComparison.Ordinal);
        Assert.Contains("href=\"/verhalen/nieuw\"", await editor.GetHtmlAsync("/verhalen"), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/menukaart/nieuw\"", await app.CreateClient().GetHtmlAsync("/menukaart"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_owner_puts_a_step_in_the_plan_from_its_menukaart_page_and_a_viewer_is_not_offered_it()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id, "Bakkerij De Korst");
        var viewer = await app.CreateUserAsync();
        await app.AddMemberAsync(organisation.Id, viewer.Id, Leerrijk.Web.Features.Organisations.OrganisationRole.Viewer);
        var step = app.Services.GetRequiredService<MenukaartFiles>().Interventions[3];
        var client = await app.LoggedInClientAsync(owner.Email!);

        var page = await client.GetHtmlAsync($"/menukaart/{step.Slug}");
        var added = await PostAsync(client, $"/o/{organisation.Id}/plan?handler=Add", [new("slug", step.Slug)], formPage: $"/menukaart/{step.Slug}");

        Assert.Contains($"action=\"/o/{organisation.Id}/plan?handler=Add\"", page, StringComparison.Ordinal);
        Assert.Contains("In het actieplan van Bakkerij De Korst zetten", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains(step.Title.Nl, await client.GetHtmlAsync($"/o/{organisation.Id}/plan"), StringComparison.Ordinal);
        var viewerPage = await (await app.LoggedInClientAsync(viewer.Email!)).GetHtmlAsync($"/menukaart/{step.Slug}");
        Assert.DoesNotContain("/plan?handler=Add", viewerPage, StringComparison.Ordinal);
        Assert.DoesNotContain("/plan?handler=Add", await app.CreateClient().GetHtmlAsync($"/menukaart/{step.Slug}"), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, List<KeyValuePair<string, string>> fields, string? formPage = null)
    {
        var token = await client.GetAntiforgeryTokenAsync(formPage ?? url);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

}
