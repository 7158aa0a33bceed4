using System.Net;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Communities;
using Leerrijk.Web.Features.Menukaart;
using Leerrijk.Web.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Leerrijk.IntegrationTests.Features.Consent.ConsentTestData;

namespace Leerrijk.IntegrationTests.Features.Communities;

/// <summary>
/// The learning cycle across companies: what a member tries lands in their own company's plan, members see each other
/// only as far as each agreed, a company's scans reach the community only as the summary its owner shares, and a
/// lesson becomes a story only through an editor.
/// </summary>
public sealed class CycleTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Fact]
    public async Task A_step_agreed_in_the_community_lands_in_the_own_company_plan_and_nowhere_else()
    {
        var t = await TableAsync();
        var page = $"/leergemeenschap/{t.Community.Id}/cyclus";

        var added = await t.A.OwnerClient.PostFormAsync(page + "?handler=Try", new() { ["Try.MemberId"] = t.MemberA.Id.ToString(), ["Try.Title"] = "Meelopen met Ahmed" }, page);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var step = Assert.Single(await StepsAsync(t.A.Organisation.Id), s => s.Title == "Meelopen met Ahmed");
        Assert.Equal(t.Community.Id, step.CommunityId);
        Assert.DoesNotContain(await StepsAsync(t.B.Organisation.Id), s => s.Title == "Meelopen met Ahmed");
        var plan = await t.A.OwnerClient.GetHtmlAsync($"/o/{t.A.Organisation.Id}/plan");
        Assert.Contains("Afgesproken in leergemeenschap", plan, StringComparison.Ordinal);

        // A member cannot put a step in another company's plan: that member does not exist for this form.
        var foreign = await t.A.OwnerClient.PostFormAsync(page + "?handler=Try", new() { ["Try.MemberId"] = t.MemberB.Id.ToString(), ["Try.Title"] = "Indringer" }, page);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.DoesNotContain(await StepsAsync(t.B.Organisation.Id), s => s.Title == "Indringer");

        // B sees A's step (it was agreed in the community) but never A's other plan steps.
        await app.ChangeAsync(db =>
        {
            db.ActionSteps.Add(new ActionStep { OrganisationId = t.A.Organisation.Id, Title = "Eigen geheime stap", Status = ActionStatus.Planned });
            return Task.CompletedTask;
        });
        var seenByB = await t.B.OwnerClient.GetHtmlAsync(page);
        Assert.Contains("Meelopen met Ahmed", seenByB, StringComparison.Ordinal);
        Assert.DoesNotContain("Eigen geheime stap", seenByB, StringComparison.Ordinal);

        // What came of it, told by A, is in A's plan too.
        var outcome = await t.A.OwnerClient.PostFormAsync(page + "?handler=Outcome", new() { ["Outcome.StepId"] = step.Id.ToString(), ["Outcome.Outcome"] = "Hij bleef", ["Outcome.Done"] = "true" }, page);
        Assert.Equal(HttpStatusCode.Redirect, outcome.StatusCode);
        var stored = Assert.Single(await StepsAsync(t.A.Organisation.Id), s => s.Id == step.Id);
        Assert.Equal(("Hij bleef", ActionStatus.Done), (stored.Outcome, stored.Status));

        // B may not write what came of A's step.
        var byB = await t.B.OwnerClient.PostFormAsync(page + "?handler=Outcome", new() { ["Outcome.StepId"] = step.Id.ToString(), ["Outcome.Outcome"] = "Overschreven" }, page);
        Assert.Equal(HttpStatusCode.NotFound, byB.StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_explained_beside_the_form_and_nothing_is_stored()
    {
        var t = await TableAsync();
        var page = $"/leergemeenschap/{t.Community.Id}/cyclus";

        await ExplainsAsync(
            await t.A.OwnerClient.PostFormAsync(page + "?handler=Try", new() { ["Try.MemberId"] = t.MemberA.Id.ToString(), ["Try.Title"] = "", ["Try.FollowUpOn"] = Day(Today.AddDays(-1)) }, page),
            "Kies een datum vanaf vandaag en binnen twee jaar.");
        await ExplainsAsync(
            await t.A.OwnerClient.PostFormAsync(page + "?handler=Try", new() { ["Try.MemberId"] = t.MemberA.Id.ToString(), ["Try.Title"] = "Iets", ["Try.SessionId"] = Guid.NewGuid().ToString() }, page),
            "Kies een bijeenkomst van deze groep.");
        await ExplainsAsync(
            await t.A.OwnerClient.PostFormAsync(page + "?handler=Lesson", new() { ["Lesson.Text"] = new string('x', CommunityLesson.TextMaxLength + 1) }, page),
            "De les");
        Assert.Empty(await StepsAsync(t.A.Organisation.Id));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().CommunityLessons.AnyAsync(l => l.CommunityId == t.Community.Id));
    }

    [Fact]
    public async Task Members_see_names_only_as_each_agreed_and_outsiders_see_nothing()
    {
        var t = await TableAsync();
        var page = $"/leergemeenschap/{t.Community.Id}/cyclus";

        // B did not agree to show who they are: A sees a neutral label, the facilitator (who admitted B) the name.
        var seenByA = await t.A.OwnerClient.GetHtmlAsync(page);
        Assert.DoesNotContain(t.B.Organisation.Name, seenByA, StringComparison.Ordinal);
        Assert.DoesNotContain(t.B.Owner.DisplayName, seenByA, StringComparison.Ordinal);
        Assert.Contains("Deelnemer 2", seenByA, StringComparison.Ordinal);
        Assert.Contains(t.A.Organisation.Name, seenByA, StringComparison.Ordinal);
        var seenByFacilitator = await t.Facilitator.GetHtmlAsync(page);
        Assert.Contains(t.B.Organisation.Name, seenByFacilitator, StringComparison.Ordinal);

        // A's agreement shows A to B.
        Assert.Contains(t.A.Organisation.Name, await t.B.OwnerClient.GetHtmlAsync(page), StringComparison.Ordinal);

        // Someone outside the community: as if it did not exist.
        var outsider = await app.LoggedInClientAsync((await app.CreateUserAsync()).Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(page)).StatusCode);
    }

    [Fact]
    public async Task A_company_scan_reaches_the_community_only_as_the_summary_its_owner_shares()
    {
        var t = await TableAsync();
        var page = $"/leergemeenschap/{t.Community.Id}/cyclus";
        var before = await t.B.OwnerClient.GetHtmlAsync(page);
        Assert.DoesNotContain("Gedeelde samenvatting", before, StringComparison.Ordinal);

        // A viewer of company A takes part too, but the results are not theirs to share.
        var viewer = await app.CreateUserAsync();
        await app.AddMemberAsync(t.A.Organisation.Id, viewer.Id, OrganisationRole.Viewer);
        await AddMemberAsync(t.Community.Id, viewer.Id, t.A.Organisation.Id, shows: true);
        var viewerClient = await app.LoggedInClientAsync(viewer.Email!);
        var refused = await viewerClient.PostFormAsync(page + "?handler=Share", [], page);
        Assert.True(IsForbidden(refused), $"{(int)refused.StatusCode} {refused.Headers.Location}");

        // The summary is read from folded statistics, as the report is: fold A's responses now rather than wait for the folder.
        await app.Services.GetRequiredService<Leerrijk.Web.Features.Reports.StatisticsFolder>().FoldAllAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await t.A.OwnerClient.PostFormAsync(page + "?handler=Share", [], page)).StatusCode);
        var shared = await t.B.OwnerClient.GetHtmlAsync(page);
        Assert.Contains("Gedeelde samenvatting", shared, StringComparison.Ordinal);

        // B has no closed round: nothing to share, and the page says so.
        await ExplainsAsync(await t.B.OwnerClient.PostFormAsync(page + "?handler=Share", [], page), "nog niets om te delen");

        Assert.Equal(HttpStatusCode.Redirect, (await t.A.OwnerClient.PostFormAsync(page + "?handler=StopSharing", [], page)).StatusCode);
        Assert.DoesNotContain("Gedeelde samenvatting", await t.B.OwnerClient.GetHtmlAsync(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lesson_becomes_a_story_draft_an_editor_publishes()
    {
        var t = await TableAsync();
        var page = $"/leergemeenschap/{t.Community.Id}/cyclus";
        Assert.Equal(HttpStatusCode.Redirect, (await t.A.OwnerClient.PostFormAsync(page + "?handler=Lesson", new() { ["Lesson.Text"] = "Een vast plan voor dag één werkt.", ["Lesson.FromOwnCompany"] = "true" }, page)).StatusCode);
        var lesson = await InDbAsync(db => db.CommunityLessons.SingleAsync(l => l.CommunityId == t.Community.Id));
        Assert.Equal(t.A.Organisation.Id, lesson.OrganisationId);

        // The facilitator may propose it, but only someone of company A can agree to name A.
        var proposal = new Dictionary<string, string> { ["Proposal.LessonId"] = lesson.Id.ToString(), ["Proposal.Title"] = "Dag één", ["Proposal.What"] = "Een plan voor de eerste dag.", ["Proposal.Result"] = "Nieuwe mensen blijven.", ["Proposal.MayBeNamed"] = "true" };
        await ExplainsAsync(await t.Facilitator.PostFormAsync(page + "?handler=Propose", proposal, page), "Alleen iemand van het bedrijf zelf kan toestemming geven");
        // B is not of company A and does not run the table.
        Assert.True(IsForbidden(await t.B.OwnerClient.PostFormAsync(page + "?handler=Propose", proposal, page)));
        Assert.Equal(HttpStatusCode.Redirect, (await t.A.OwnerClient.PostFormAsync(page + "?handler=Propose", proposal, page)).StatusCode);
        var draft = await InDbAsync(db => db.StoryDrafts.SingleAsync(d => d.CommunityLessonId == lesson.Id));
        Assert.Equal((StoryDraftStatus.Proposed, true), (draft.Status, draft.CompanyMayBeNamed));
        await ExplainsAsync(await t.A.OwnerClient.PostFormAsync(page + "?handler=Propose", proposal, page), "al voorgesteld");

        // Not public until an editor works it out; the form comes filled from the proposal.
        Assert.DoesNotContain("Dag één", await app.CreateClient().GetStringAsync("/verhalen"), StringComparison.Ordinal);
        var editor = await app.LoggedInEditorAsync();
        Assert.Contains("Dag één", await editor.GetHtmlAsync("/verhalen/voorstellen"), StringComparison.Ordinal);
        var form = await editor.GetHtmlAsync($"/verhalen/nieuw?voorstel={draft.Id}");
        Assert.Contains("value=\"Dag één\"", System.Net.WebUtility.HtmlDecode(form), StringComparison.Ordinal);
        Assert.Contains(t.A.Organisation.Name, System.Net.WebUtility.HtmlDecode(form), StringComparison.Ordinal);
        var slugs = await InDbAsync(db => db.MenukaartEntries.Where(e => e.Kind == MenukaartEntry.InterventionKind).Select(e => e.Slug).FirstAsync());
        var published = await editor.PostFormAsync($"/verhalen/nieuw?voorstel={draft.Id}", new()
        {
            ["voorstel"] = draft.Id.ToString(),
            ["Input.TitleNl"] = "Dag één",
            ["Input.TitleEn"] = "Day one",
            ["Input.CompanyNl"] = t.A.Organisation.Name,
            ["Input.CompanyEn"] = t.A.Organisation.Name,
            ["Input.Size"] = "small",
            ["Input.WhatNl"] = "Een plan.",
            ["Input.WhatEn"] = "A plan.",
            ["Input.CostNl"] = "Een uur.",
            ["Input.CostEn"] = "An hour.",
            ["Input.ResultNl"] = "Ze blijven.",
            ["Input.ResultEn"] = "They stay.",
            ["Input.Interventions"] = slugs,
            ["Input.Source"] = draft.Origin,
        }, $"/verhalen/nieuw?voorstel={draft.Id}");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var after = await InDbAsync(db => db.StoryDrafts.SingleAsync(d => d.Id == draft.Id));
        Assert.Equal(StoryDraftStatus.Published, after.Status);
        Assert.Equal(published.Headers.Location!.OriginalString, $"/verhalen/{after.PublishedSlug}");
        Assert.Contains("Gepubliceerd als praktijkverhaal", await t.A.OwnerClient.GetHtmlAsync(page), StringComparison.Ordinal);
    }

    private async Task<T> InDbAsync<T>(Func<LeerrijkDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>());
    }

    private Task<List<ActionStep>> StepsAsync(Guid organisationId) =>
        InDbAsync(db => db.ActionSteps.AsNoTracking().Where(s => s.OrganisationId == organisationId).ToListAsync());

    /// <summary>A learning table of a support organisation: its adviser facilitates; A (with a report, shows who it is) and B (does not) take part.</summary>
    private async Task<Table> TableAsync()
    {
        var (adviser, support) = await app.CreateAdviserAsync();
        var a = await app.CompanyWithReportAsync();
        var bOwner = await app.CreateUserAsync();
        var bOrganisation = await app.CreateOrganisationAsync(bOwner.Id);
        var b = new Consent.Company(bOwner, bOrganisation, null!, await app.LoggedInClientAsync(bOwner.Email!));
        var community = new Community
        {
            Name = "Leertafel " + Guid.NewGuid().ToString("N")[..6],
            Theme = "Inwerken",
            Kind = CommunityKind.LearningTable,
            SupportOrganisationId = support.Id,
            StartsOn = Today.AddDays(-10),
            EndsOn = Today.AddDays(60),
            CreatedByUserId = adviser.Id,
        };
        await app.ChangeAsync(db =>
        {
            db.Communities.Add(community);
            return Task.CompletedTask;
        });
        await AddMemberAsync(community.Id, adviser.Id, null, shows: true, CommunityRole.Facilitator);
        var memberA = await AddMemberAsync(community.Id, a.Owner.Id, a.Organisation.Id, shows: true);
        var memberB = await AddMemberAsync(community.Id, bOwner.Id, bOrganisation.Id, shows: false);
        return new Table(community, a, b, memberA, memberB, await app.LoggedInClientAsync(adviser.Email!));
    }

    private async Task<CommunityMember> AddMemberAsync(Guid communityId, Guid userId, Guid? organisationId, bool shows, CommunityRole role = CommunityRole.Member)
    {
        var member = new CommunityMember
        {
            CommunityId = communityId,
            UserId = userId,
            Email = $"{userId:N}@example.test",
            OrganisationId = organisationId,
            Role = role,
            Status = MemberStatus.Active,
            ShowsIdentity = shows,
            JoinedAtUtc = DateTime.UtcNow,
        };
        await app.ChangeAsync(db =>
        {
            db.CommunityMembers.Add(member);
            return Task.CompletedTask;
        });
        return member;
    }

    private sealed record Table(Community Community, Consent.Company A, Consent.Company B, CommunityMember MemberA, CommunityMember MemberB, HttpClient Facilitator);
}
