using System.Globalization;
using System.Net;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Features.Tracks;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Tracks;

/// <summary>
/// The follow-up reminder: on or after the due day, when no follow-up round is chosen, the owners and the track's adviser
/// (or the coordinators) get one mail, in Dutch and English, with links to the track and to opening a round.
/// </summary>
/// <remarks>Due days lie weeks ahead, so the service's own hourly pass (with the real today) never sends what a test expects.</remarks>
public sealed class FollowUpReminderTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static readonly DateOnly Today = LocalizationSetup.Today(TimeProvider.System);

    [Fact]
    public async Task The_reminder_goes_once_from_the_due_day_to_the_owners_and_the_named_adviser_with_links_to_the_track_and_a_new_round()
    {
        var c = await CompanyAsync(namedAdviser: true);
        var secondOwner = await app.CreateUserAsync();
        await app.AddMemberAsync(c.OrganisationId, secondOwner.Id, OrganisationRole.Owner);
        var hr = await app.CreateUserAsync();
        await app.AddMemberAsync(c.OrganisationId, hr.Id, OrganisationRole.Hr);
        var due = Today.AddDays(40);
        var trackId = await TrackAsync(c, due);
        var reminder = app.Services.GetRequiredService<FollowUpReminder>();

        await reminder.SendDueAsync(due.AddDays(-1));
        Assert.Equal(0, MailsTo(c.OwnerEmail));
        Assert.Null(await SentOnAsync(trackId));

        await reminder.SendDueAsync(due);
        await reminder.SendDueAsync(due.AddDays(10));

        Assert.Equal(due, await SentOnAsync(trackId));
        Assert.Equal(
            [1, 1, 1, 0, 0],
            new[] { c.OwnerEmail, secondOwner.Email!, c.AdviserEmail, hr.Email!, c.CoordinatorEmail }.Select(MailsTo));
        var mail = await app.Outbox.WaitForMessageToAsync(c.OwnerEmail, "Tijd voor de vervolgmeting");
        Assert.Equal($"Tijd voor de vervolgmeting bij {c.OrganisationName}", mail.Subject);
        var text = mail.TextBody ?? "";
        Assert.Contains($"In het traject van {c.OrganisationName} met {c.SupportName} staat de vervolgmeting gepland op {due.ToString("D", CultureInfo.GetCultureInfo("nl-NL"))}.", text, StringComparison.Ordinal);
        Assert.Contains($"In the track of {c.OrganisationName} with {c.SupportName}, the follow-up scan is due on {due.ToString("D", CultureInfo.GetCultureInfo("en-GB"))}.", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Open een nieuwe meting", StringComparison.Ordinal) < text.IndexOf("Open a new round with", StringComparison.Ordinal), "Dutch comes first.");

        var trackLink = MailOutbox.LinkIn(mail, "/track");
        var roundLink = MailOutbox.LinkIn(mail, "/rounds/new");
        Assert.Equal($"/o/{c.OrganisationId}/track", trackLink.AbsolutePath);
        Assert.Equal($"/o/{c.OrganisationId}/rounds/new", roundLink.AbsolutePath);
        var owner = await app.LoggedInClientAsync(c.OwnerEmail);
        var page = await owner.GetHtmlAsync(trackLink.PathAndQuery);
        Assert.Contains($"Traject met {c.SupportName}", page, StringComparison.Ordinal);
        Assert.Contains($"Herinnering gestuurd op", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(roundLink.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task No_reminder_once_a_follow_up_round_is_chosen_or_the_track_is_closed_and_without_a_named_adviser_the_coordinators_are_told()
    {
        var due = Today.AddDays(60);
        var unnamed = await CompanyAsync(namedAdviser: false);
        await TrackAsync(unnamed, due);
        var chosen = await CompanyAsync(namedAdviser: true);
        var round = await app.CreateRoundAsync(chosen.OrganisationId, chosen.OwnerId);
        await TrackAsync(chosen, due, t => t.FollowUpRoundId = round.Id);
        var closed = await CompanyAsync(namedAdviser: true);
        await TrackAsync(closed, due, t => t.ClosedOn = Today);
        var revoked = await CompanyAsync(namedAdviser: true, revoked: true);
        await TrackAsync(revoked, due);
        var reminder = app.Services.GetRequiredService<FollowUpReminder>();

        await reminder.SendDueAsync(due);

        Assert.Equal((1, 1, 0), (MailsTo(unnamed.OwnerEmail), MailsTo(unnamed.CoordinatorEmail), MailsTo(unnamed.AdviserEmail)));
        Assert.Equal((0, 0), (MailsTo(chosen.OwnerEmail), MailsTo(chosen.AdviserEmail)));
        Assert.Equal((0, 0), (MailsTo(closed.OwnerEmail), MailsTo(closed.AdviserEmail)));

        // A support organisation whose consent was revoked no longer hears about the company; its owner still does.
        Assert.Equal((1, 0, 0), (MailsTo(revoked.OwnerEmail), MailsTo(revoked.AdviserEmail), MailsTo(revoked.CoordinatorEmail)));
    }

    private sealed record Company(Guid OrganisationId, string OrganisationName, Guid OwnerId, string OwnerEmail, Guid SupportId, string SupportName, string AdviserEmail, string CoordinatorEmail);

    private async Task<Company> CompanyAsync(bool namedAdviser, bool revoked = false)
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var (adviser, support) = await app.CreateAdviserAsync();
        var coordinator = await app.CreateUserAsync();
        await app.AddSupportMemberAsync(support.Id, coordinator.Id, SupportRole.Coordinator);
        var grant = await app.GrantAsync(organisation.Id, support.Id, namedAdviser ? adviser.Id : null, ConsentScope.ReadReports | ConsentScope.WorkOnPlan);
        if (revoked)
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            await db.ConsentGrants.Where(g => g.Id == grant.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.RevokedAtUtc, DateTime.UtcNow));
        }

        return new Company(organisation.Id, organisation.Name, owner.Id, owner.Email!, support.Id, support.Name, adviser.Email!, coordinator.Email!);
    }

    private async Task<Guid> TrackAsync(Company c, DateOnly due, Action<Track>? configure = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var track = new Track
        {
            OrganisationId = c.OrganisationId,
            SupportOrganisationId = c.SupportId,
            StartedOn = Today.AddDays(-30),
            CoachHoursBudget = 120,
            FollowUpDueOn = due,
        };
        configure?.Invoke(track);
        db.Tracks.Add(track);
        await db.SaveChangesAsync();
        return track.Id;
    }

    private async Task<DateOnly?> SentOnAsync(Guid trackId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Tracks.Where(t => t.Id == trackId).Select(t => t.FollowUpReminderSentOn).SingleAsync();
    }

    private int MailsTo(string address) =>
        app.Outbox.Messages().Count(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)));
}
