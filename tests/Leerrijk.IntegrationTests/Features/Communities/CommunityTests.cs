using System.Net;
using Leerrijk.IntegrationTests.Features.Programmes;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Communities;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using static Leerrijk.IntegrationTests.Features.Communities.CommunityTestData;

namespace Leerrijk.IntegrationTests.Features.Communities;

/// <summary>
/// Learning communities: who starts one, who gets in (invitation, request), what members see of each other, and what
/// stays with a company when its people leave.
/// </summary>
public sealed class CommunityTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static string Workspace(Guid id) => $"/leergemeenschap/{id}";

    private static string MembersPage(Guid id) => $"/leergemeenschap/{id}/leden";

    private static Dictionary<string, string> Form(string name, string kind = "LearningTable", string? starts = null, string? ends = null, string province = "gelderland", bool open = true) => new()
    {
        ["Input.Name"] = name,
        ["Input.Theme"] = "Nieuwe collega's inwerken",
        ["Input.Kind"] = kind,
        ["Input.Description"] = "Zes bedrijven, tien weken.",
        ["Input.ProvinceId"] = province,
        ["Input.StartsOn"] = starts ?? ProgrammeTestData.Day(Today),
        ["Input.EndsOn"] = ends ?? ProgrammeTestData.Day(Today.AddDays(70)),
        ["Input.OpenForRequests"] = open ? "true" : "false",
    };

    [Fact]
    public async Task An_adviser_of_a_support_organisation_starts_a_learning_table_and_becomes_its_facilitator()
    {
        var (adviser, support) = await app.CreateAdviserAsync(SupportRole.Adviser);
        var client = await app.LoggedInClientAsync(adviser.Email!);
        var name = Unique("Leertafel Achterhoek");
        var url = $"/support/{support.Id}/leergemeenschappen/nieuw";

        var created = await client.PostFormAsync(url, Form(name));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var community = await app.ReadAsync(db => db.Communities.AsNoTracking().SingleAsync(c => c.Name == name));
        Assert.Equal((support.Id, (Guid?)null, CommunityKind.LearningTable, true), (community.SupportOrganisationId, community.OrganisationId, community.Kind, community.OpenForRequests));
        Assert.Equal(MembersPage(community.Id), created.Headers.Location!.OriginalString);
        var facilitator = await app.ReadAsync(db => db.CommunityMembers.AsNoTracking().SingleAsync(m => m.CommunityId == community.Id));
        Assert.Equal((adviser.Id, CommunityRole.Facilitator, MemberStatus.Active, (Guid?)null), (facilitator.UserId, facilitator.Role, facilitator.Status, facilitator.OrganisationId));
        Assert.Contains(name, await client.GetHtmlAsync($"/support/{support.Id}/leergemeenschappen"), StringComparison.Ordinal);
        Assert.Contains("Leertafel", await client.GetHtmlAsync(Workspace(community.Id)), StringComparison.Ordinal);

        // Someone of another support organisation does not reach it.
        var (other, _) = await app.CreateAdviserAsync(SupportRole.Coordinator);
        var otherClient = await app.LoggedInClientAsync(other.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/support/{support.Id}/leergemeenschappen")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync(Workspace(community.Id))).StatusCode);
    }

    [Fact]
    public async Task An_owner_starts_a_community_run_by_the_company_and_an_hr_member_may_not()
    {
        var (organisation, owner) = await app.OrganisationWithOwnerAsync();
        var name = Unique("Ontbijt bij de bakker");

        var created = await owner.PostFormAsync($"/o/{organisation.Id}/leergemeenschappen/nieuw", Form(name, kind: "BreakfastSession", province: ""));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var community = await app.ReadAsync(db => db.Communities.AsNoTracking().SingleAsync(c => c.Name == name));
        Assert.Equal(((Guid?)organisation.Id, (Guid?)null, "", CommunityKind.BreakfastSession), (community.OrganisationId, community.SupportOrganisationId, community.ProvinceId, community.Kind));
        var facilitator = await app.ReadAsync(db => db.CommunityMembers.AsNoTracking().SingleAsync(m => m.CommunityId == community.Id));
        Assert.Equal(((Guid?)organisation.Id, CommunityRole.Facilitator), (facilitator.OrganisationId, facilitator.Role));
        var list = await owner.GetHtmlAsync($"/o/{organisation.Id}/leergemeenschappen");
        Assert.Contains(name, list, StringComparison.Ordinal);
        Assert.Contains("Online", await owner.GetHtmlAsync(Workspace(community.Id)), StringComparison.Ordinal);

        var hr = await app.CreateUserAsync();
        await app.AddMemberAsync(organisation.Id, hr.Id, OrganisationRole.Hr);
        var hrClient = await app.LoggedInClientAsync(hr.Email!);
        Assert.True((await hrClient.GetAsync($"/o/{organisation.Id}/leergemeenschappen/nieuw")).IsAccessDenied());
        Assert.Contains(name, await hrClient.GetHtmlAsync($"/o/{organisation.Id}/leergemeenschappen"), StringComparison.Ordinal);

        // The company's owner runs it, so they reach its facilitator pages; HR of the company is not in it.
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(MembersPage(community.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hrClient.GetAsync(Workspace(community.Id))).StatusCode);
    }

    [Theory]
    [InlineData("Input.Name", "", "LearningTable", 0, 70, "gelderland", "Vul Naam in.")]
    [InlineData("Input.Kind", "x", "", 0, 70, "gelderland", "Kies een waarde bij Soort.")]
    [InlineData("Input.Kind", "x", "Symposium", 0, 70, "gelderland", "")]
    [InlineData("Input.EndsOn", "x", "LearningTable", 10, 5, "gelderland", "De einddatum moet na de begindatum liggen.")]
    [InlineData("Input.EndsOn", "x", "LearningTable", 0, 800, "gelderland", "Een periode duurt hoogstens 2 jaar.")]
    [InlineData("Input.StartsOn", "x", "LearningTable", -3, 70, "gelderland", "De begindatum ligt in het verleden.")]
    [InlineData("Input.ProvinceId", "x", "LearningTable", 0, 70, "atlantis", "Kies een waarde uit de lijst.")]
    public async Task Bad_input_is_explained_beside_the_field_and_nothing_is_stored(string field, string name, string kind, int startDays, int endDays, string province, string message)
    {
        var (adviser, support) = await app.CreateAdviserAsync(SupportRole.Coordinator);
        var client = await app.LoggedInClientAsync(adviser.Email!);
        var unique = name.Length == 0 ? "" : Unique("Fout");

        var response = await client.PostFormAsync(
            $"/support/{support.Id}/leergemeenschappen/nieuw",
            Form(unique, kind, ProgrammeTestData.Day(Today.AddDays(startDays)), ProgrammeTestData.Day(Today.AddDays(endDays)), province));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var beside = ProgrammeTestData.ErrorBeside(await response.TextAsync(), field);
        Assert.NotEqual("", beside);
        Assert.Contains(message, beside, StringComparison.Ordinal);
        Assert.Equal(0, await app.ReadAsync(db => db.Communities.CountAsync(c => c.SupportOrganisationId == support.Id)));
    }

    [Fact]
    public async Task A_non_member_gets_404_on_every_community_page_and_a_member_403_on_the_facilitators_pages()
    {
        var (coordinator, support) = await app.CreateAdviserAsync(SupportRole.Coordinator);
        var community = await app.CommunityAsync(coordinator, support.Id);
        var (organisation, memberClient) = await app.OrganisationWithOwnerAsync();
        var memberUser = await app.ReadAsync(db => db.Memberships.Where(m => m.OrganisationId == organisation.Id).Select(m => m.User!).SingleAsync());
        var member = await app.MemberAsync(community.Id, memberUser, organisation.Id);
        var (_, outsider) = await app.OrganisationWithOwnerAsync();
        var id = community.Id;
        string[] memberPages = [Workspace(id), $"/leergemeenschap/{id}/deelname"];
        string[] facilitatorPages = [$"/leergemeenschap/{id}/bewerken", MembersPage(id)];

        foreach (var page in memberPages.Concat(facilitatorPages))
        {
            Assert.True((await outsider.GetAsync(page)).StatusCode == HttpStatusCode.NotFound, page);
        }

        foreach (var page in memberPages)
        {
            Assert.True((await memberClient.GetAsync(page)).StatusCode == HttpStatusCode.OK, page);
        }

        foreach (var page in facilitatorPages)
        {
            Assert.True((await memberClient.GetAsync(page)).IsAccessDenied(), page);
        }

        // Posts too: the member cannot remove anyone or invite, with a token taken from a page they may open.
        var token = await memberClient.GetAntiforgeryTokenAsync(Workspace(id));
        foreach (var handler in new[] { "Invite", "Remove", "Accept", "Decline", "Withdraw", "Resend" })
        {
            var post = await memberClient.PostAsync(
                $"{MembersPage(id)}?handler={handler}",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["memberId"] = member.Id.ToString(), ["Input.Email"] = "x@example.test", ["__RequestVerificationToken"] = token }));
            Assert.True(post.IsAccessDenied(), handler);
        }

        Assert.Equal(MemberStatus.Active, (await app.ReadAsync(db => db.CommunityMembers.SingleAsync(m => m.Id == member.Id))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(Workspace(Guid.NewGuid()))).StatusCode);
    }

    [Fact]
    public async Task Members_see_each_others_names_and_companies_only_once_each_agreed()
    {
        var facilitatorUser = await app.NamedUserAsync(Unique("Femke Facilitator"));
        var support = await app.CreateSupportOrganisationAsync();
        await app.AddSupportMemberAsync(support.Id, facilitatorUser.Id, SupportRole.Adviser);
        var community = await app.CommunityAsync(facilitatorUser, support.Id);
        var anna = await app.NamedUserAsync(Unique("Anna"));
        var annaCompany = await app.CreateOrganisationAsync(anna.Id, Unique("Bakkerij Anna"));
        var bert = await app.NamedUserAsync(Unique("Bert"));
        var bertCompany = await app.CreateOrganisationAsync(bert.Id, Unique("Garage Bert"));
        var annaRow = await app.MemberAsync(community.Id, anna, annaCompany.Id, showsIdentity: false);
        await app.MemberAsync(community.Id, bert, bertCompany.Id, showsIdentity: true);
        var guest = await app.NamedUserAsync(Unique("Gijs"));
        await app.MemberAsync(community.Id, guest, null, showsIdentity: false, CommunityRole.Guest, affiliation: Unique("Hogeschool"));
        var guestAffiliation = await app.ReadAsync(db => db.CommunityMembers.Where(m => m.UserId == guest.Id).Select(m => m.Affiliation!).SingleAsync());
        var annaClient = await app.LoggedInClientAsync(anna.Email!);
        var bertClient = await app.LoggedInClientAsync(bert.Email!);

        var seenByBert = await bertClient.GetHtmlAsync(Workspace(community.Id));
        Assert.DoesNotContain(anna.DisplayName, seenByBert, StringComparison.Ordinal);
        Assert.DoesNotContain(annaCompany.Name, seenByBert, StringComparison.Ordinal);
        Assert.DoesNotContain(guest.DisplayName, seenByBert, StringComparison.Ordinal);
        Assert.DoesNotContain(guestAffiliation, seenByBert, StringComparison.Ordinal);
        Assert.Contains("Deelnemer 2", seenByBert, StringComparison.Ordinal);
        Assert.Contains("Gast 4", seenByBert, StringComparison.Ordinal);
        Assert.Contains(facilitatorUser.DisplayName, seenByBert, StringComparison.Ordinal);

        var seenByAnna = await annaClient.GetHtmlAsync(Workspace(community.Id));
        Assert.Contains(bert.DisplayName, seenByAnna, StringComparison.Ordinal);
        Assert.Contains(bertCompany.Name, seenByAnna, StringComparison.Ordinal);
        Assert.Contains(anna.DisplayName, seenByAnna, StringComparison.Ordinal); // herself

        // The facilitator admitted them, so sees every name.
        var seenByFacilitator = await (await app.LoggedInClientAsync(facilitatorUser.Email!)).GetHtmlAsync(Workspace(community.Id));
        Assert.Contains(annaCompany.Name, seenByFacilitator, StringComparison.Ordinal);
        Assert.Contains(guestAffiliation, seenByFacilitator, StringComparison.Ordinal);

        // Anna agrees on her participation page: now Bert sees her.
        var page = $"/leergemeenschap/{community.Id}/deelname";
        Assert.DoesNotMatch("<input[^>]*name=\"ShowsIdentity\"[^>]*checked", await annaClient.GetHtmlAsync(page));
        var agreed = await annaClient.PostFormFieldsAsync(page + "?handler=Identity", [("ShowsIdentity", "true"), ("ShowsIdentity", "false")], page);
        Assert.Equal(HttpStatusCode.Redirect, agreed.StatusCode);
        Assert.True((await app.ReadAsync(db => db.CommunityMembers.SingleAsync(m => m.Id == annaRow.Id))).ShowsIdentity);
        var after = await bertClient.GetHtmlAsync(Workspace(community.Id));
        Assert.Contains(anna.DisplayName, after, StringComparison.Ordinal);
        Assert.Contains(annaCompany.Name, after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invitation_by_mail_is_accepted_once_for_a_company_of_the_invitee_with_the_name_hidden_until_ticked()
    {
        var (coordinator, support) = await app.CreateAdviserAsync(SupportRole.Coordinator);
        var community = await app.CommunityAsync(coordinator, support.Id);
        var facilitator = await app.LoggedInClientAsync(coordinator.Email!);
        var invitee = await app.CreateUserAsync();
        var company = await app.CreateOrganisationAsync(invitee.Id, Unique("Installatiebedrijf"));

        var sent = await facilitator.PostFormAsync(
            MembersPage(community.Id) + "?handler=Invite",
            new() { ["Input.Email"] = invitee.Email!, ["Input.Role"] = "Member", ["Input.CompanyName"] = "Installatiebedrijf Jansen", ["Input.Language"] = "nl" },
            MembersPage(community.Id));
        Assert.Equal(MembersPage(community.Id), sent.Headers.Location!.OriginalString);
        Assert.Contains($"De uitnodiging is gestuurd naar {invitee.Email}. De link werkt 30 dagen.", await facilitator.GetHtmlAsync(MembersPage(community.Id)), StringComparison.Ordinal);

        // The same address again: refused beside the field, nothing stored.
        var twice = await facilitator.PostFormAsync(
            MembersPage(community.Id) + "?handler=Invite",
            new() { ["Input.Email"] = invitee.Email!.ToUpperInvariant(), ["Input.Role"] = "Member", ["Input.Language"] = "nl" },
            MembersPage(community.Id));
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("heeft al een open uitnodiging", ProgrammeTestData.ErrorBeside(await twice.TextAsync(), "Input.Email"), StringComparison.Ordinal);
        Assert.Equal(2, await app.ReadAsync(db => db.CommunityMembers.CountAsync(m => m.CommunityId == community.Id)));

        var mail = await app.Outbox.WaitForMessageToAsync(invitee.Email!, community.Name);
        Assert.Contains("Het gaat om: Installatiebedrijf Jansen.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("deelt Leerrijk nooit", mail.TextBody, StringComparison.Ordinal);
        var link = MailOutbox.LinkIn(mail, "/leergemeenschap-uitnodiging/");
        var invitation = await app.ReadAsync(db => db.CommunityMembers.SingleAsync(m => m.CommunityId == community.Id && m.Status == MemberStatus.Invited));
        Assert.Equal(LinkToken.Hash(link.AbsolutePath["/leergemeenschap-uitnodiging/".Length..]), invitation.TokenHash);

        var anonymous = await app.CreateBrowserClient().GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal($"/Account/Login?ReturnUrl={Uri.EscapeDataString(link.PathAndQuery)}", anonymous.Headers.Location!.PathAndQuery);

        var client = await app.LoggedInClientAsync(invitee.Email!);
        var page = await client.GetHtmlAsync(link.PathAndQuery);
        Assert.Contains($"{support.Name} nodigt u uit voor de Leertafel {community.Name}", page, StringComparison.Ordinal);
        Assert.Contains("De resultaten van de scans van uw bedrijf ziet de leergemeenschap nooit.", page, StringComparison.Ordinal);
        Assert.DoesNotMatch("<input[^>]*name=\"Input.ShowsIdentity\"[^>]*checked", page);

        // Someone else's company is not a choice.
        var (otherCompany, _) = await app.OrganisationWithOwnerAsync();
        var foreign = await client.PostFormFieldsAsync(link.PathAndQuery + (link.Query.Length > 0 ? "&" : "?") + "handler=Accept", [("Input.OrganisationId", otherCompany.Id.ToString()), ("Input.ShowsIdentity", "false")], link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, foreign.StatusCode);
        Assert.Equal(MemberStatus.Invited, (await app.ReadAsync(db => db.CommunityMembers.SingleAsync(m => m.Id == invitation.Id))).Status);

        var accepted = await client.PostFormFieldsAsync(link.PathAndQuery + "?handler=Accept", [("Input.OrganisationId", company.Id.ToString()), ("Input.ShowsIdentity", "false")], link.PathAndQuery);
        Assert.Equal(Workspace(community.Id), accepted.Headers.Location!.OriginalString);
        var member = await app.ReadAsync(db => db.CommunityMembers.AsNoTracking().SingleAsync(m => m.Id == invitation.Id));
        Assert.Equal((MemberStatus.Active, (Guid?)invitee.Id, (Guid?)company.Id, false), (member.Status, member.UserId, member.OrganisationId, member.ShowsIdentity));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Workspace(community.Id))).StatusCode);
        Assert.Contains(community.Name, await client.GetHtmlAsync($"/o/{company.Id}/leergemeenschappen"), StringComparison.Ordinal);

        // The link works once.
        Assert.Contains("Deze link werkt niet.", await client.GetHtmlAsync(link.PathAndQuery), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declined_expired_withdrawn_and_unknown_invitations_store_nothing_and_say_so()
    {
        var (coordinator, support) = await app.CreateAdviserAsync(SupportRole.Coordinator);
        var community = await app.CommunityAsync(coordinator, support.Id);
        var facilitator = await app.LoggedInClientAsync(coordinator.Email!);
        var guestUser = await app.CreateUserAsync();
        var guest = await app.LoggedInClientAsync(guestUser.Email!);

        var (declined, declinedToken) = await app.InvitationAsync(community.Id, guestUser.Email!, CommunityRole.Guest);
        var url = "/leergemeenschap-uitnodiging/" + declinedToken;
        Assert.Contains("School of opleiding", await guest.GetHtmlAsync(url), StringComparison.Ordinal);
        var noSchool = await guest.PostFormFieldsAsync(url + "?handler=Accept", [("Input.Affiliation", " "), ("Input.ShowsIdentity", "false")], url);
        Assert.Contains("Vul School of opleiding in.", await noSchool.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await guest.PostFormFieldsAsync(url + "?handler=Decline", [], url)).StatusCode);
        Assert.Equal(MemberStatus.Declined, (await app.ReadAsync(db => db.CommunityMembers.SingleAsync(m => m.Id == declined.Id))).Status);
        Assert.Contains("Deze link werkt niet.", await guest.GetHtmlAsync(url), StringComparison.Ordinal);

        var (expired, expiredToken) = await app.InvitationAsync(community.Id, "laat@example.test");
        await app.ChangeAsync(async db => (await db.CommunityMembers.SingleAsync(m => m.Id == expired.Id)).InvitationExpiresAtUtc = DateTime.UtcNow.AddMinutes(-1));
        Assert.Contains("Deze link werkt niet.", await guest.GetHtmlAsync("/leergemeenschap-uitnodiging/" + expiredToken), StringComparison.Ordinal);
        Assert.Contains("uitnodiging verlopen", await facilitator.GetHtmlAsync(MembersPage(community.Id)), StringComparison.Ordinal);

        var (withdrawn, withdrawnToken) = await app.InvitationAsync(community.Id, "ingetrokken@example.test");
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.PostFormAsync(MembersPage(community.Id) + "?handler=Withdraw", new() { ["memberId"] = withdrawn.Id.ToString() }, MembersPage(community.Id))).StatusCode);
        Assert.Equal(MemberStatus.Left, (await app.ReadAsync(db => db.CommunityMembers.SingleAsync(m => m.Id == withdrawn.Id))).Status);
        Assert.Contains("Deze link werkt niet.", await guest.GetHtmlAsync("/leergemeenschap-uitnodiging/" + withdrawnToken), StringComparison.Ordinal);

        Assert.Contains("Deze link werkt niet.", await guest.GetHtmlAsync("/leergemeenschap-uitnodiging/" + LinkToken.New()), StringComparison.Ordinal);
        Assert.Contains("Deze link werkt niet.", await guest.GetHtmlAsync("/leergemeenschap-uitnodiging/" + new string('a', 500)), StringComparison.Ordinal);
        Assert.Equal(1, await app.ReadAsync(db => db.CommunityMembers.CountAsync(m => m.CommunityId == community.Id && m.Status == MemberStatus.Active)));
    }

    [Fact]
    public async Task The_public_list_shows_open_communities_and_a_request_waits_once_for_the_facilitator()
    {
        var facilitatorUser = await app.CreateUserAsync();
        var support = await app.CreateSupportOrganisationAsync();
        await app.AddSupportMemberAsync(support.Id, facilitatorUser.Id, SupportRole.Adviser);
        var theme = Unique("Vakmanschap");
        var open = await app.CommunityAsync(facilitatorUser, support.Id, configure: c => { c.OpenForRequests = true; c.Theme = theme; c.Kind = CommunityKind.PeerGroup; c.ProvinceId = "drenthe"; });
        var closed = await app.CommunityAsync(facilitatorUser, support.Id, configure: c => { c.OpenForRequests = false; c.Theme = theme; });
        var ended = await app.CommunityAsync(facilitatorUser, support.Id, configure: c => { c.OpenForRequests = true; c.Theme = theme; c.StartsOn = Today.AddDays(-90); c.EndsOn = Today.AddDays(-1); });
        var anonymous = app.CreateBrowserClient();

        var list = await anonymous.GetHtmlAsync("/leergemeenschappen?thema=" + Uri.EscapeDataString(theme.ToUpperInvariant()));
        Assert.Contains(open.Name, list, StringComparison.Ordinal);
        Assert.DoesNotContain(closed.Name, list, StringComparison.Ordinal);
        Assert.DoesNotContain(ended.Name, list, StringComparison.Ordinal);
        Assert.DoesNotContain(open.Name, await anonymous.GetHtmlAsync($"/leergemeenschappen?thema={Uri.EscapeDataString(theme)}&provincie=gelderland"), StringComparison.Ordinal);
        Assert.DoesNotContain(open.Name, await anonymous.GetHtmlAsync($"/leergemeenschappen?thema={Uri.EscapeDataString(theme)}&soort=LearningTable"), StringComparison.Ordinal);
        Assert.Contains(open.Name, await anonymous.GetHtmlAsync($"/leergemeenschappen?thema={Uri.EscapeDataString(theme)}&soort=PeerGroup&provincie=drenthe"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/leergemeenschappen/{open.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/leergemeenschappen/{closed.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/leergemeenschappen/{ended.Id}")).StatusCode);

        var (company, owner) = await app.OrganisationWithOwnerAsync();
        var ownerUser = await app.ReadAsync(db => db.Memberships.Where(m => m.OrganisationId == company.Id).Select(m => m.User!).SingleAsync());
        var detail = $"/leergemeenschappen/{open.Id}";
        var neither = await owner.PostFormFieldsAsync(detail, [("Input.OrganisationId", ""), ("Input.Affiliation", ""), ("Input.ShowsIdentity", "false")], detail);
        Assert.Contains("Kies een bedrijf, of vul als gast uw school of opleiding in.", await neither.TextAsync(), StringComparison.Ordinal);

        var asked = await owner.PostFormFieldsAsync(
            detail, [("Input.OrganisationId", company.Id.ToString()), ("Input.Message", "Wij zoeken mee."), ("Input.ShowsIdentity", "true"), ("Input.ShowsIdentity", "false")], detail);
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var request = await app.ReadAsync(db => db.CommunityMembers.AsNoTracking().SingleAsync(m => m.CommunityId == open.Id && m.Status == MemberStatus.Requested));
        Assert.Equal(((Guid?)ownerUser.Id, (Guid?)company.Id, true, "Wij zoeken mee."), (request.UserId, request.OrganisationId, request.ShowsIdentity, request.RequestMessage));
        var mail = await app.Outbox.WaitForMessageToAsync(facilitatorUser.Email!, open.Name);
        Assert.Contains(MembersPage(open.Id), MailOutbox.LinkIn(mail, "/leden").AbsolutePath, StringComparison.Ordinal);

        // Asking again: a friendly word, nothing duplicated.
        Assert.Contains("U heeft al gevraagd om mee te doen.", await owner.GetHtmlAsync(detail), StringComparison.Ordinal);
        var again = await owner.PostFormFieldsAsync(detail, [("Input.OrganisationId", company.Id.ToString()), ("Input.ShowsIdentity", "false")], detail);
        Assert.Contains("U heeft al gevraagd om mee te doen.", await again.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.ReadAsync(db => db.CommunityMembers.CountAsync(m => m.CommunityId == open.Id && m.UserId == ownerUser.Id)));

        var facilitator = await app.LoggedInClientAsync(facilitatorUser.Email!);
        Assert.Contains("Wij zoeken mee.", await facilitator.GetHtmlAsync(MembersPage(open.Id)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.PostFormAsync(MembersPage(open.Id) + "?handler=Accept", new() { ["memberId"] = request.Id.ToString() }, MembersPage(open.Id))).StatusCode);
        Assert.Equal(MemberStatus.Active, (await app.ReadAsync(db => db.CommunityMembers.SingleAsync(m => m.Id == request.Id))).Status);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(Workspace(open.Id))).StatusCode);
    }

    [Fact]
    public async Task Leaving_keeps_the_companys_steps_in_its_plan_and_detaches_them_once_no_colleague_remains()
    {
        var (coordinator, support) = await app.CreateAdviserAsync(SupportRole.Coordinator);
        var community = await app.CommunityAsync(coordinator, support.Id);
        var first = await app.CreateUserAsync();
        var company = await app.CreateOrganisationAsync(first.Id);
        var second = await app.CreateUserAsync();
        await app.AddMemberAsync(company.Id, second.Id, OrganisationRole.Hr);
        var firstRow = await app.MemberAsync(community.Id, first, company.Id);
        var secondRow = await app.MemberAsync(community.Id, second, company.Id);
        var neighbour = await app.CreateUserAsync();
        var neighbourCompany = await app.CreateOrganisationAsync(neighbour.Id);
        await app.MemberAsync(community.Id, neighbour, neighbourCompany.Id);
        var step = new ActionStep { OrganisationId = company.Id, Title = "Meelopen bij de monteur", CommunityId = community.Id };
        var neighbourStep = new ActionStep { OrganisationId = neighbourCompany.Id, Title = "Werkoverleg anders", CommunityId = community.Id };
        await app.ChangeAsync(db =>
        {
            db.ActionSteps.AddRange(step, neighbourStep);
            return Task.CompletedTask;
        });

        // The first colleague leaves on their own page, after confirming: a colleague remains, so the step stays linked.
        var firstClient = await app.LoggedInClientAsync(first.Email!);
        var page = $"/leergemeenschap/{community.Id}/deelname";
        var unconfirmed = await firstClient.PostFormAsync(page + "?handler=Leave", [], page);
        Assert.Contains("verlaten=", unconfirmed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(MemberStatus.Active, (await app.ReadAsync(db => db.CommunityMembers.SingleAsync(m => m.Id == firstRow.Id))).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await firstClient.PostFormAsync(page + "?handler=Leave", new() { ["confirmed"] = "true" }, page)).StatusCode);
        var left = await app.ReadAsync(db => db.CommunityMembers.AsNoTracking().SingleAsync(m => m.Id == firstRow.Id));
        Assert.Equal(MemberStatus.Left, left.Status);
        Assert.NotNull(left.LeftAtUtc);
        Assert.Equal(community.Id, (await app.ReadAsync(db => db.ActionSteps.AsNoTracking().SingleAsync(s => s.Id == step.Id))).CommunityId);
        Assert.Equal(HttpStatusCode.NotFound, (await firstClient.GetAsync(Workspace(community.Id))).StatusCode);

        // The facilitator removes the last colleague: the step stays with the company, no longer with the community.
        var facilitator = await app.LoggedInClientAsync(coordinator.Email!);
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.PostFormAsync(MembersPage(community.Id) + "?handler=Remove", new() { ["memberId"] = secondRow.Id.ToString() }, MembersPage(community.Id))).StatusCode);
        var kept = await app.ReadAsync(db => db.ActionSteps.AsNoTracking().SingleAsync(s => s.Id == step.Id));
        Assert.Equal((company.Id, (Guid?)null, "Meelopen bij de monteur"), (kept.OrganisationId, kept.CommunityId, kept.Title));
        Assert.Equal(community.Id, (await app.ReadAsync(db => db.ActionSteps.AsNoTracking().SingleAsync(s => s.Id == neighbourStep.Id))).CommunityId);
    }

    [Fact]
    public async Task Two_facilitators_saving_at_once_the_second_is_told_and_keeps_what_they_typed()
    {
        var (coordinator, support) = await app.CreateAdviserAsync(SupportRole.Coordinator);
        var community = await app.CommunityAsync(coordinator, support.Id);
        var colleague = await app.CreateUserAsync();
        await app.AddSupportMemberAsync(support.Id, colleague.Id, SupportRole.Coordinator);
        var one = await app.LoggedInClientAsync(coordinator.Email!);
        var two = await app.LoggedInClientAsync(colleague.Email!);
        var url = $"/leergemeenschap/{community.Id}/bewerken";
        var loadedByOne = await one.GetHtmlAsync(url);
        var loadedByTwo = await two.GetHtmlAsync(url);

        var first = Form("Eerste naam");
        first["Input.Version"] = "0";
        Assert.Equal(HttpStatusCode.Redirect, (await one.PostLoadedFormAsync(url, loadedByOne, first)).StatusCode);

        var second = Form("Tweede naam");
        second["Input.Version"] = "0";
        var conflict = await two.PostLoadedFormAsync(url, loadedByTwo, second);
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var html = await conflict.TextAsync();
        Assert.Contains("Iemand anders heeft deze leergemeenschap intussen gewijzigd.", html, StringComparison.Ordinal);
        Assert.Contains("Eerste naam", html, StringComparison.Ordinal);
        Assert.Matches("<input[^>]*name=\"Input.Name\"[^>]*value=\"Tweede naam\"", html);
        var stored = await app.ReadAsync(db => db.Communities.AsNoTracking().SingleAsync(c => c.Id == community.Id));
        Assert.Equal(("Eerste naam", 1), (stored.Name, stored.Version));
    }
}
