using System.Net;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Programmes;
using Leerrijk.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using static Leerrijk.IntegrationTests.Features.Programmes.ProgrammeTestData;

namespace Leerrijk.IntegrationTests.Features.Programmes;

/// <summary>
/// A coordinator invites an owner by mail; the owner opens the link, chooses the company and the two separate choices,
/// and later changes them or leaves. Only owners join, change or leave.
/// </summary>
public sealed class JoinTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static string ParticipantsPage(Guid programmeId) => $"/programma/{programmeId}/deelnemers";

    private static string CompanyPage(Guid organisationId) => $"/o/{organisationId}/programmas";

    private static Task<HttpResponseMessage> InviteAsync(HttpClient coordinator, Guid programmeId, string email, string company = "", string language = "nl") =>
        coordinator.PostFormAsync(
            ParticipantsPage(programmeId) + "?handler=Invite",
            new() { ["Input.Email"] = email, ["Input.CompanyName"] = company, ["Input.Language"] = language },
            ParticipantsPage(programmeId));

    /// <summary>Posts the joining form as a browser does: a ticked box sends "true" before its hidden "false".</summary>
    private static Task<HttpResponseMessage> JoinAsync(HttpClient owner, string link, Guid? organisationId, bool shares, bool pool) =>
        owner.PostFormFieldsAsync(
            link,
            [("Input.OrganisationId", organisationId?.ToString() ?? ""), .. Boxes("Input", shares, pool)],
            "/organisations");

    private static IEnumerable<(string, string)> Boxes(string prefix, bool shares, bool pool)
    {
        if (shares)
        {
            yield return ($"{prefix}.SharesResults", "true");
        }

        if (pool)
        {
            yield return ($"{prefix}.InNormPool", "true");
        }

        yield return ($"{prefix}.SharesResults", "false");
        yield return ($"{prefix}.InNormPool", "false");
    }

    private Task<ProgrammeParticipant> ParticipantAsync(Guid id) => app.ReadAsync(db => db.ProgrammeParticipants.AsNoTracking().SingleAsync(p => p.Id == id));

    [Fact]
    public async Task The_coordinator_invites_by_mail_and_the_owner_joins_once_with_both_choices_unticked_until_chosen()
    {
        var c = await app.CoordinatorAsync();
        var programme = await app.ProgrammeAsync(c.Support.Id, p => p.MinCompanies = 8);
        var owner = await app.CreateUserAsync();
        var company = await app.CreateOrganisationAsync(owner.Id, "Bakkerij " + Guid.NewGuid().ToString("N")[..6]);

        var sent = await InviteAsync(c.Client, programme.Id, owner.Email!, "Bakkerij de Korenbloem");
        Assert.Equal(ParticipantsPage(programme.Id), sent.Headers.Location!.OriginalString);
        Assert.Contains($"De uitnodiging is gestuurd naar {owner.Email}. De link werkt 30 dagen.", await c.Client.GetHtmlAsync(ParticipantsPage(programme.Id)), StringComparison.Ordinal);

        var mail = await app.Outbox.WaitForMessageToAsync(owner.Email!, programme.Name);
        Assert.Equal($"{c.Support.Name} nodigt uw bedrijf uit voor {programme.Name}", mail.Subject);
        Assert.Contains("Het gaat om: Bakkerij de Korenbloem.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("alleen mee in cijfers over minstens 8 bedrijven", mail.TextBody, StringComparison.Ordinal);
        var link = MailOutbox.LinkIn(mail, "/programma-uitnodiging/");
        var invitation = await app.ReadAsync(db => db.ProgrammeParticipants.SingleAsync(p => p.ProgrammeId == programme.Id));
        Assert.Equal(LinkToken.Hash(link.AbsolutePath["/programma-uitnodiging/".Length..]), invitation.TokenHash);
        var expiresIn = invitation.InvitationExpiresAtUtc - invitation.CreatedAtUtc;
        Assert.InRange(expiresIn.TotalDays, 29.99, 30.01);

        // Anonymous visitors log in first and come back to the invitation.
        var anonymous = await app.CreateBrowserClient().GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal($"/Account/Login?ReturnUrl={Uri.EscapeDataString(link.PathAndQuery)}", anonymous.Headers.Location!.PathAndQuery);

        var ownerClient = await app.LoggedInClientAsync(owner.Email!);
        var page = await ownerClient.GetHtmlAsync(link.PathAndQuery);
        Assert.Contains($"{c.Support.Name} (leerwerkloket) nodigt uw bedrijf uit voor het programma {programme.Name}.", page, StringComparison.Ordinal);
        Assert.Contains("Het programma ziet alleen cijfers over minstens 8 bedrijven. Het rapport van uw eigen bedrijf ziet het nooit.", page, StringComparison.Ordinal);
        Assert.Contains("Deel onze resultaten met het programma (alleen in cijfers over minstens 8 bedrijven)", page, StringComparison.Ordinal);
        Assert.Contains("Voeg onze resultaten zonder naam toe aan de vergelijkingsgroep (normen)", page, StringComparison.Ordinal);
        Assert.DoesNotMatch("<input[^>]*name=\"Input.SharesResults\"[^>]*checked", page);
        Assert.DoesNotMatch("<input[^>]*name=\"Input.InNormPool\"[^>]*checked", page);
        Assert.Matches($"<input[^>]*name=\"Input.OrganisationId\"[^>]*value=\"{company.Id}\"", page);

        var joined = await JoinAsync(ownerClient, link.PathAndQuery, company.Id, shares: false, pool: true);
        Assert.Equal(CompanyPage(company.Id), joined.Headers.Location!.OriginalString);
        var participant = await ParticipantAsync(invitation.Id);
        Assert.Equal((company.Id, owner.Id, false, true, (DateTime?)null), (participant.OrganisationId, participant.JoinedByUserId, participant.SharesResults, participant.InNormPool, participant.LeftAtUtc));
        Assert.NotNull(participant.JoinedAtUtc);
        Assert.NotNull(participant.ChoicesChangedAtUtc);

        // The link works once: the page says so and a second post stores nothing.
        Assert.Contains("Deze link werkt niet.", await ownerClient.GetHtmlAsync(link.PathAndQuery), StringComparison.Ordinal);
        var again = await JoinAsync(ownerClient, link.PathAndQuery, company.Id, shares: true, pool: true);
        Assert.Contains("Deze link werkt niet.", await again.TextAsync(), StringComparison.Ordinal);
        Assert.Equal((false, true), ((await ParticipantAsync(invitation.Id)).SharesResults, (await ParticipantAsync(invitation.Id)).InNormPool));

        // The programme sees the company's name, dates and choices.
        var list = await c.Client.GetHtmlAsync(ParticipantsPage(programme.Id));
        Assert.Contains(company.Name, list, StringComparison.Ordinal);
        Assert.Contains("doet mee", list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Each_combination_of_the_two_choices_is_stored_as_chosen(bool shares, bool pool)
    {
        var c = await app.CoordinatorAsync();
        var programme = await app.ProgrammeAsync(c.Support.Id);
        var (organisation, owner) = await app.OrganisationWithOwnerAsync();
        var email = await app.ReadAsync(db => db.Memberships.Where(m => m.OrganisationId == organisation.Id).Select(m => m.User!.Email!).SingleAsync());
        var (invitation, token) = await app.InvitationAsync(programme, email, c.User.Id);

        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(owner, "/programma-uitnodiging/" + token, organisation.Id, shares, pool)).StatusCode);

        var participant = await ParticipantAsync(invitation.Id);
        Assert.Equal((organisation.Id, shares, pool), (participant.OrganisationId, participant.SharesResults, participant.InNormPool));
        var active = await app.ReadAsync(db => db.ProgrammeParticipants.Where(ProgrammeParticipant.Active).CountAsync(p => p.Id == invitation.Id));
        var sharing = await app.ReadAsync(db => db.ProgrammeParticipants.Where(ProgrammeParticipant.Sharing).CountAsync(p => p.Id == invitation.Id));
        var inPool = await app.ReadAsync(db => db.ProgrammeParticipants.Where(ProgrammeParticipant.InPool).CountAsync(p => p.Id == invitation.Id));
        Assert.Equal((1, shares ? 1 : 0, pool ? 1 : 0), (active, sharing, inPool));
    }

    [Fact]
    public async Task Expired_withdrawn_unknown_and_repeated_invitations_are_explained_and_store_nothing()
    {
        var c = await app.CoordinatorAsync();
        var programme = await app.ProgrammeAsync(c.Support.Id);
        var (organisation, owner) = await app.OrganisationWithOwnerAsync();

        // An address with an open invitation gets no second one.
        Assert.Equal(HttpStatusCode.Redirect, (await InviteAsync(c.Client, programme.Id, "eigenaar@bakkerij.example")).StatusCode);
        var twice = await InviteAsync(c.Client, programme.Id, "eigenaar@bakkerij.example");
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("eigenaar@bakkerij.example heeft al een open uitnodiging voor dit programma.", ErrorBeside(await twice.TextAsync(), "Input.Email"), StringComparison.Ordinal);
        Assert.Equal(1, await app.ReadAsync(db => db.ProgrammeParticipants.CountAsync(p => p.ProgrammeId == programme.Id)));
        foreach (var (email, language, message) in new[] { ("geen-adres", "nl", "e-mailadres"), ("a@example.test", "fr", "Kies een waarde uit de lijst.") })
        {
            var bad = await InviteAsync(c.Client, programme.Id, email, language: language);
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains(message, await bad.TextAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(1, await app.ReadAsync(db => db.ProgrammeParticipants.CountAsync(p => p.ProgrammeId == programme.Id)));

        // Withdrawn: the link stops working and the list says so; a new invitation to the address is possible again.
        var (withdrawn, withdrawnToken) = await app.InvitationAsync(programme, "ander@bakkerij.example", c.User.Id);
        var page = ParticipantsPage(programme.Id);
        Assert.Equal(HttpStatusCode.Redirect, (await c.Client.PostFormAsync(page + "?handler=Withdraw", new() { ["participantId"] = withdrawn.Id.ToString() }, page)).StatusCode);
        Assert.NotNull((await ParticipantAsync(withdrawn.Id)).LeftAtUtc);
        Assert.Contains("uitnodiging ingetrokken op", await c.Client.GetHtmlAsync(page), StringComparison.Ordinal);
        Assert.Contains("Deze link werkt niet.", await owner.GetHtmlAsync("/programma-uitnodiging/" + withdrawnToken), StringComparison.Ordinal);
        Assert.Contains("Deze link werkt niet.", await (await JoinAsync(owner, "/programma-uitnodiging/" + withdrawnToken, organisation.Id, true, true)).TextAsync(), StringComparison.Ordinal);
        Assert.Null((await ParticipantAsync(withdrawn.Id)).OrganisationId);
        Assert.Equal(HttpStatusCode.Redirect, (await InviteAsync(c.Client, programme.Id, "ander@bakkerij.example")).StatusCode);

        // Expired.
        var (expired, expiredToken) = await app.InvitationAsync(programme, "laat@bakkerij.example", c.User.Id);
        await app.ChangeAsync(async db => (await db.ProgrammeParticipants.SingleAsync(p => p.Id == expired.Id)).InvitationExpiresAtUtc = DateTime.UtcNow.AddMinutes(-1));
        Assert.Contains("Deze link werkt niet.", await owner.GetHtmlAsync("/programma-uitnodiging/" + expiredToken), StringComparison.Ordinal);
        Assert.Contains("Deze link werkt niet.", await (await JoinAsync(owner, "/programma-uitnodiging/" + expiredToken, organisation.Id, true, true)).TextAsync(), StringComparison.Ordinal);
        Assert.Null((await ParticipantAsync(expired.Id)).JoinedAtUtc);
        Assert.Contains("uitnodiging verlopen", await c.Client.GetHtmlAsync(page), StringComparison.Ordinal);

        // Unknown and absurd tokens.
        Assert.Contains("Deze link werkt niet.", await owner.GetHtmlAsync("/programma-uitnodiging/" + LinkToken.New()), StringComparison.Ordinal);
        Assert.Contains("Deze link werkt niet.", await owner.GetHtmlAsync("/programma-uitnodiging/" + new string('a', 500)), StringComparison.Ordinal);

        // A company already in the programme cannot join twice.
        await app.JoinedAsync(programme, organisation.Id, Guid.NewGuid());
        var (second, secondToken) = await app.InvitationAsync(programme, "nog-een@bakkerij.example", c.User.Id);
        var already = await JoinAsync(owner, "/programma-uitnodiging/" + secondToken, organisation.Id, true, false);
        Assert.Equal(HttpStatusCode.OK, already.StatusCode);
        Assert.Contains($"{organisation.Name} doet al mee aan {programme.Name}.", ErrorBeside(await already.TextAsync(), "Input.OrganisationId"), StringComparison.Ordinal);
        Assert.Null((await ParticipantAsync(second.Id)).JoinedAtUtc);
    }

    [Fact]
    public async Task Only_an_owner_joins_changes_or_leaves()
    {
        var c = await app.CoordinatorAsync();
        var programme = await app.ProgrammeAsync(c.Support.Id);
        var (organisation, owner) = await app.OrganisationWithOwnerAsync();
        var ownerId = await app.ReadAsync(db => db.Memberships.Where(m => m.OrganisationId == organisation.Id).Select(m => m.UserId).SingleAsync());
        var participant = await app.JoinedAsync(programme, organisation.Id, ownerId, shares: true, pool: true);

        // An HR member of the company, who owns a company of their own elsewhere.
        var hr = await app.CreateUserAsync();
        await app.AddMemberAsync(organisation.Id, hr.Id, OrganisationRole.Hr);
        var hrClient = await app.LoggedInClientAsync(hr.Email!);
        var (invitation, token) = await app.InvitationAsync(programme, hr.Email!, c.User.Id);
        var noCompany = await hrClient.GetHtmlAsync("/programma-uitnodiging/" + token);
        Assert.Contains("U bent nog geen eigenaar van een bedrijf", noCompany, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.OrganisationId\"", noCompany, StringComparison.Ordinal);
        var own = await app.CreateOrganisationAsync(hr.Id);
        var notOwner = await JoinAsync(hrClient, "/programma-uitnodiging/" + token, organisation.Id, true, true);
        Assert.Contains("Kies een bedrijf waarvan u eigenaar bent.", ErrorBeside(await notOwner.TextAsync(), "Input.OrganisationId"), StringComparison.Ordinal);
        var none = await JoinAsync(hrClient, "/programma-uitnodiging/" + token, null, true, true);
        Assert.Contains("Kies een waarde bij Welk bedrijf doet mee?", ErrorBeside(await none.TextAsync(), "Input.OrganisationId"), StringComparison.Ordinal);
        Assert.Null((await ParticipantAsync(invitation.Id)).JoinedAtUtc);
        Assert.Equal(HttpStatusCode.Redirect, (await JoinAsync(hrClient, "/programma-uitnodiging/" + token, own.Id, false, false)).StatusCode);

        // The company page is the owner's: HR gets 403, a connected adviser 403, an outsider 404.
        var page = CompanyPage(organisation.Id);
        Assert.True(IsForbidden(await hrClient.GetAsync(page)));
        var (adviser, _) = await app.ConsentedAdviserAsync(organisation.Id, ConsentScope.ReadReports | ConsentScope.WorkOnPlan);
        Assert.True(IsForbidden(await adviser.GetAsync(page)));
        var (_, outsider) = await app.OrganisationWithOwnerAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(page)).StatusCode);
        Assert.True(IsForbidden(await hrClient.PostFormFieldsAsync(page + "?handler=Choices", [("participantId", participant.Id.ToString()), .. Boxes("Choices", false, false)], CompanyPage(own.Id))));
        Assert.True(IsForbidden(await hrClient.PostFormAsync(page + "?handler=Leave", new() { ["participantId"] = participant.Id.ToString(), ["confirmed"] = "true" }, CompanyPage(own.Id))));
        Assert.Equal((true, true, (DateTime?)null), ((await ParticipantAsync(participant.Id)).SharesResults, (await ParticipantAsync(participant.Id)).InNormPool, (await ParticipantAsync(participant.Id)).LeftAtUtc));

        // Another company's participation is "not found" through one's own company page.
        var hrOwnPage = CompanyPage(own.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await hrClient.PostFormFieldsAsync(hrOwnPage + "?handler=Choices", [("participantId", participant.Id.ToString()), .. Boxes("Choices", false, false)], hrOwnPage)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hrClient.PostFormAsync(hrOwnPage + "?handler=Leave", new() { ["participantId"] = participant.Id.ToString(), ["confirmed"] = "true" }, hrOwnPage)).StatusCode);
        Assert.Null((await ParticipantAsync(participant.Id)).LeftAtUtc);
    }

    [Fact]
    public async Task The_owner_changes_a_choice_and_leaves_after_confirming_and_the_row_stays()
    {
        var c = await app.CoordinatorAsync();
        var programme = await app.ProgrammeAsync(c.Support.Id);
        var (organisation, owner) = await app.OrganisationWithOwnerAsync();
        var ownerId = await app.ReadAsync(db => db.Memberships.Where(m => m.OrganisationId == organisation.Id).Select(m => m.UserId).SingleAsync());
        var participant = await app.JoinedAsync(programme, organisation.Id, ownerId, shares: true, pool: true);
        var page = CompanyPage(organisation.Id);

        Assert.Contains($"href=\"{page}\"", await owner.GetHtmlAsync($"/o/{organisation.Id}/support"), StringComparison.Ordinal);
        var overview = await owner.GetHtmlAsync(page);
        Assert.Contains(programme.Name, overview, StringComparison.Ordinal);
        Assert.Contains(c.Support.Name, overview, StringComparison.Ordinal);
        Assert.Matches("<input[^>]*name=\"Choices.SharesResults\"[^>]*checked", overview);

        var before = (await ParticipantAsync(participant.Id)).ChoicesChangedAtUtc;
        var changed = await owner.PostFormFieldsAsync(page + "?handler=Choices", [("participantId", participant.Id.ToString()), .. Boxes("Choices", false, true)], page);
        Assert.Equal(page, changed.Headers.Location!.OriginalString);
        Assert.Contains("Vanaf de volgende berekening (elke nacht) tellen uw resultaten niet meer mee", await owner.GetHtmlAsync(page), StringComparison.Ordinal);
        var stored = await ParticipantAsync(participant.Id);
        Assert.Equal((false, true), (stored.SharesResults, stored.InNormPool));
        Assert.True(stored.ChoicesChangedAtUtc > before);

        var badBox = await owner.PostFormFieldsAsync(page + "?handler=Choices", [("participantId", participant.Id.ToString()), ("Choices.SharesResults", "misschien"), ("Choices.InNormPool", "false")], page);
        Assert.Equal(HttpStatusCode.OK, badBox.StatusCode);
        Assert.Equal((false, true), ((await ParticipantAsync(participant.Id)).SharesResults, (await ParticipantAsync(participant.Id)).InNormPool));

        // Leaving asks first; only the confirmation's own field ends the participation.
        var ask = await owner.PostFormAsync(page + "?handler=Leave", new() { ["participantId"] = participant.Id.ToString() }, page);
        Assert.Equal($"{page}?verlaten={participant.Id}", ask.Headers.Location!.OriginalString);
        Assert.Null((await ParticipantAsync(participant.Id)).LeftAtUtc);
        var confirm = await owner.GetHtmlAsync(ask.Headers.Location!.OriginalString);
        Assert.Contains($"Stoppen met {programme.Name}?", confirm, StringComparison.Ordinal);
        Assert.Contains("Vanaf de volgende berekening (elke nacht) tellen uw resultaten niet meer mee.", confirm, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(page + "?handler=Leave", new() { ["participantId"] = participant.Id.ToString(), ["confirmed"] = "true" }, page)).StatusCode);

        var left = await ParticipantAsync(participant.Id);
        Assert.NotNull(left.LeftAtUtc);
        Assert.Equal((organisation.Id, false, true), (left.OrganisationId, left.SharesResults, left.InNormPool));
        Assert.Equal(0, await app.ReadAsync(db => db.ProgrammeParticipants.Where(ProgrammeParticipant.Active).CountAsync(p => p.Id == participant.Id)));
        Assert.Contains("gestopt op", await owner.GetHtmlAsync(page), StringComparison.Ordinal);
        Assert.Contains("gestopt op", await c.Client.GetHtmlAsync(ParticipantsPage(programme.Id)), StringComparison.Ordinal);

        // A company that left changes nothing more.
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostFormFieldsAsync(page + "?handler=Choices", [("participantId", participant.Id.ToString()), .. Boxes("Choices", true, true)], page)).StatusCode);
    }
}
