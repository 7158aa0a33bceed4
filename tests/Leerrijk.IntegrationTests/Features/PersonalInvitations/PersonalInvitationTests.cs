using System.Net;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.PersonalInvitations;
using Leerrijk.Web.Features.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Leerrijk.IntegrationTests.Features.PersonalInvitations;

/// <summary>
/// Personal invitations travel over real SMTP: each address gets a link that works once, reminders reach only those
/// who have not started, and nothing ties an invitation to what someone answered.
/// </summary>
public sealed class PersonalInvitationTests(SmtpAppFixture smtp) : IClassFixture<SmtpAppFixture>
{
    private readonly LeerrijkAppFactory _app = smtp.App;
    private readonly SmtpSink _sink = smtp.Sink;

    [Fact]
    public async Task An_invitation_link_works_once_and_opening_it_changes_nothing()
    {
        var (client, organisation, round) = await RoundAsync();
        var address = Address();

        var invite = await client.PostFormAsync(ManageUrl(organisation, round) + "?handler=Invite", new() { ["Addresses"] = $"Jan de Vries <{address.ToUpperInvariant()}>" }, ManageUrl(organisation, round));

        Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);
        var mail = await _sink.WaitForMessageToAsync(address);
        Assert.Equal($"{organisation.Name}: doe mee met de vragenlijst over leren op het werk", mail.Subject);
        Assert.Contains("werkt één keer", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("This link is only for you and works once.", mail.TextBody, StringComparison.Ordinal);
        // The closing date in each language's own calendar: Dutch, and British English as on every page (not US).
        Assert.Contains(round.ClosesOn.ToString("D", System.Globalization.CultureInfo.GetCultureInfo("nl-NL")), mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(round.ClosesOn.ToString("D", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(round.ClosesOn.ToString("D", System.Globalization.CultureInfo.GetCultureInfo("en-US")), mail.TextBody, StringComparison.Ordinal);
        var link = LinkIn(mail, round);

        // A mail scanner or a second look at the page uses nothing up.
        var respondent = _app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.OK, (await respondent.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await respondent.GetAsync(link)).StatusCode);
        Assert.False((await InvitationAsync(address)).Used);

        var start = await respondent.PostFormAsync(link, []);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal($"/s/{round.Code}", start.Headers.Location!.OriginalString);
        Assert.True((await InvitationAsync(address)).Used);

        // The same link again, from this or any other device: a clear page, and nothing written.
        var again = await _app.CreateBrowserClient().PostFormAsync(link, [], $"/s/{round.Code}");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Deze link is al gebruikt", await again.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await respondent.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task A_forged_code_gets_a_clear_page_and_writes_nothing()
    {
        var (client, organisation, round) = await RoundAsync();
        await client.PostFormAsync(ManageUrl(organisation, round) + "?handler=Invite", new() { ["Addresses"] = Address() }, ManageUrl(organisation, round));
        var forged = $"/s/{round.Code}/u/{PersonalInvitation.NewCode()}";
        var respondent = _app.CreateBrowserClient();

        var page = await respondent.GetAsync(forged);
        var post = await respondent.PostFormAsync(forged, [], $"/s/{round.Code}");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Deze link werkt niet", await page.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        Assert.Equal(0, await db.PersonalInvitations.CountAsync(i => i.RoundId == round.Id && i.Used));
        Assert.Equal(0, await db.ResponseDrafts.CountAsync(d => d.RoundId == round.Id));
    }

    [Fact]
    public async Task A_reminder_reaches_only_people_who_have_not_started_and_replaces_their_link()
    {
        var (client, organisation, round) = await RoundAsync();
        var started = Address();
        var waiting = Address();
        var waitingToo = Address();
        await client.PostFormAsync(ManageUrl(organisation, round) + "?handler=Invite", new() { ["Addresses"] = $"{started}\n{waiting}; {waitingToo}" }, ManageUrl(organisation, round));
        var firstMails = new Dictionary<string, MimeMessage>();
        foreach (var address in new[] { started, waiting, waitingToo })
        {
            firstMails[address] = await _sink.WaitForMessageToAsync(address);
        }

        await _app.CreateBrowserClient().PostFormAsync(LinkIn(firstMails[started], round), []);

        var page = await client.GetHtmlAsync(ManageUrl(organisation, round));
        Assert.Contains("Herinnering sturen (aantal mensen: 2)", page, StringComparison.Ordinal);
        var remind = await client.PostFormAsync(ManageUrl(organisation, round) + "?handler=Remind", [], ManageUrl(organisation, round));
        Assert.Equal(HttpStatusCode.Redirect, remind.StatusCode);

        var reminder = await _sink.WaitForMessageToAsync(waiting, subjectContains: "Herinnering");
        await _sink.WaitForMessageToAsync(waitingToo, subjectContains: "Herinnering");
        Assert.Equal(0, await _app.Services.GetRequiredService<InvitationMailer>().SendDueAsync());
        Assert.DoesNotContain(_sink.Messages, m => m.To.Mailboxes.Any(b => b.Address == started) && (m.Subject ?? "").Contains("Herinnering", StringComparison.Ordinal));

        // The reminder's link is the one that works now; the first mail's link has been replaced.
        var respondent = _app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.NotFound, (await respondent.GetAsync(LinkIn(firstMails[waiting], round))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await respondent.PostFormAsync(LinkIn(reminder, round), [])).StatusCode);

        // A second press on the same day sends nothing more.
        var html = await client.GetHtmlAsync(ManageUrl(organisation, round));
        Assert.Contains("Er is nu niemand om te herinneren.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_addresses_are_named_and_nothing_is_stored_or_sent()
    {
        var (client, organisation, round) = await RoundAsync();
        var good = Address();

        var response = await client.PostFormAsync(ManageUrl(organisation, round) + "?handler=Invite", new() { ["Addresses"] = $"{good}\nnietgoed\njan@@bedrijf" }, ManageUrl(organisation, round));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        Assert.Contains("Deze adressen kloppen niet: nietgoed, jan@@bedrijf.", html, StringComparison.Ordinal);
        Assert.Contains(good, html, StringComparison.Ordinal);
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        Assert.Equal(0, await db.PersonalInvitations.CountAsync(i => i.RoundId == round.Id));
        Assert.DoesNotContain(_sink.Messages, m => m.To.Mailboxes.Any(b => b.Address == good));
    }

    [Fact]
    public async Task An_address_is_invited_once_and_erased_when_the_round_closes()
    {
        var (client, organisation, round) = await RoundAsync();
        var address = Address();
        await client.PostFormAsync(ManageUrl(organisation, round) + "?handler=Invite", new() { ["Addresses"] = address }, ManageUrl(organisation, round));
        await _sink.WaitForMessageToAsync(address);

        var again = await client.PostFormAsync(ManageUrl(organisation, round) + "?handler=Invite", new() { ["Addresses"] = $"{address}\n{Address()}" }, ManageUrl(organisation, round));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("Leerrijk verstuurt nu de uitnodigingen (1). Al eerder uitgenodigd, dus geen tweede mail: 1.", await client.GetHtmlAsync(again.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.Single(_sink.Messages, m => m.To.Mailboxes.Any(b => b.Address == address));

        await client.PostFormAsync($"/o/{organisation.Id}/rounds/{round.Id}?handler=Close", new() { ["confirmed"] = "true" }, $"/o/{organisation.Id}/rounds/{round.Id}");
        await _app.Services.GetRequiredService<RoundCloser>().CloseDueAsync(DateOnly.FromDateTime(DateTime.UtcNow));

        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var invitations = await db.PersonalInvitations.Where(i => i.RoundId == round.Id).ToListAsync();
        Assert.Equal(2, invitations.Count);
        Assert.All(invitations, i => Assert.Null(i.Email));
        var closedPage = await client.GetHtmlAsync(ManageUrl(organisation, round));
        Assert.DoesNotContain("Uitnodigingen versturen", closedPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewers_see_the_counts_but_cannot_invite()
    {
        var (_, organisation, round) = await RoundAsync();
        var viewer = await _app.CreateUserAsync();
        await _app.AddMemberAsync(organisation.Id, viewer.Id, Leerrijk.Web.Features.Organisations.OrganisationRole.Viewer);
        var client = await _app.LoggedInClientAsync(viewer.Email!);

        var html = await client.GetHtmlAsync(ManageUrl(organisation, round));
        var post = await client.PostFormAsync(ManageUrl(organisation, round) + "?handler=Invite", new() { ["Addresses"] = Address() }, ManageUrl(organisation, round));

        Assert.Contains("Uitgenodigd", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Uitnodigingen versturen", html, StringComparison.Ordinal);
        Assert.StartsWith("/Account/AccessDenied", post.Headers.Location?.AbsolutePath, StringComparison.Ordinal);
        using var scope = _app.Services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().PersonalInvitations.CountAsync(i => i.RoundId == round.Id));
    }

    private async Task<(HttpClient Client, Leerrijk.Web.Features.Organisations.Organisation Organisation, Round Round)> RoundAsync()
    {
        var owner = await _app.CreateUserAsync();
        var organisation = await _app.CreateOrganisationAsync(owner.Id);
        var round = await _app.CreateRoundAsync(organisation.Id, owner.Id);
        return (await _app.LoggedInClientAsync(owner.Email!), organisation, round);
    }

    private async Task<PersonalInvitation> InvitationAsync(string address)
    {
        using var scope = _app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().PersonalInvitations.AsNoTracking().SingleAsync(i => i.Email == address);
    }

    private static string ManageUrl(Leerrijk.Web.Features.Organisations.Organisation organisation, Round round) =>
        $"/o/{organisation.Id}/rounds/{round.Id}/invitations";

    private static string Address() => $"medewerker-{Guid.NewGuid():N}@example.test";

    private static string LinkIn(MimeMessage mail, Round round) => MailOutbox.LinkIn(mail, $"/s/{round.Code}/u/").PathAndQuery;
}
