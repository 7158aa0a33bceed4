using System.Net;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Communities;
using Leerrijk.Web.Features.Communities.Sessions;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Leerrijk.IntegrationTests.Features.Communities.SessionTestData;

namespace Leerrijk.IntegrationTests.Features.Communities;

/// <summary>
/// Sessions of a learning community: planned by a facilitator, mailed to every active member with an iCalendar
/// attachment, changed (the SEQUENCE rises), cancelled (METHOD:CANCEL), attendance and notes once started.
/// </summary>
public sealed class SessionTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static readonly DateOnly Today = LocalizationSetup.Today(TimeProvider.System);

    [Fact]
    public async Task A_planned_session_is_stored_and_every_active_member_gets_an_invitation_with_a_calendar_request()
    {
        var c = await app.CommunityAsync();
        var facilitator = await app.LoggedInClientAsync(c.Facilitator.Email!);
        var day = Today.AddDays(20);

        var response = await facilitator.PostFormAsync(c.NewPage, Fields(day, "14:00", "16:30", link: "https://meet.example.nl/leertafel", agenda: "Rondje\nVragen"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = Assert.Single(await app.SessionsOfAsync(c.Id));
        Assert.Equal(c.SessionPage(session.Id), response.Headers.Location!.OriginalString);
        Assert.Equal((Utc(day, "14:00"), Utc(day, "16:30")), (session.StartsAtUtc, session.EndsAtUtc));
        Assert.Equal(0, session.Sequence);

        var subject = $"Uitnodiging: {c.Name} op {day.ToString("dddd d MMMM yyyy", Dutch)} om 14:00";
        foreach (var person in c.Members.Append(c.Facilitator))
        {
            var mail = await app.Outbox.WaitForMessageToAsync(person.Email!, "Uitnodiging:");
            Assert.Equal(subject, mail.Subject);
            Assert.Contains("Plaats: Zaal 3, Regiohuis", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("Online: https://meet.example.nl/leertafel", mail.TextBody, StringComparison.Ordinal);
            Assert.Equal(c.SessionPage(session.Id), MailOutbox.LinkIn(mail, "/sessies/").AbsolutePath);
            var (type, calendar) = CalendarOf(mail);
            Assert.Equal(("text/calendar", "REQUEST"), (type.MimeType, type.Parameters["method"]));
            Assert.Equal("REQUEST", calendar.Method);
            var e = Assert.Single(calendar.Events);
            Assert.Equal($"{session.Id:D}@leerrijk", e.Uid);
            Assert.Equal(0, e.Sequence);
            Assert.Equal(session.StartsAtUtc, e.DtStart!.AsUtc);
            Assert.Equal(session.EndsAtUtc, e.DtEnd!.AsUtc);
            Assert.Equal(c.Name, e.Summary);
            Assert.Equal("Zaal 3, Regiohuis", e.Location);
            Assert.Equal(new Uri("https://meet.example.nl/leertafel"), e.Url);
            Assert.StartsWith("Rondje\nVragen", e.Description, StringComparison.Ordinal);
            Assert.Equal("mailto:" + person.Email, Assert.Single(e.Attendees).Value?.ToString());
        }

        Assert.Equal(0, app.MailsTo(c.InvitedEmail, "Uitnodiging:"));
        Assert.Equal(0, app.MailsTo(c.Left.Email!, "Uitnodiging:"));

        var page = await facilitator.GetHtmlAsync(c.SessionPage(session.Id));
        Assert.Contains("De bijeenkomst is opgeslagen en de uitnodigingen zijn verstuurd.", page, StringComparison.Ordinal);
        Assert.Contains("14:00 tot 16:30 (Nederlandse tijd)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Times_are_Dutch_time_on_both_sides_of_the_change_to_summer_time_and_the_skipped_hour_is_refused()
    {
        var c = await app.CommunityAsync();
        var facilitator = await app.LoggedInClientAsync(c.Facilitator.Email!);
        var change = NextSpringForward(Today.AddDays(2));

        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.PostFormAsync(c.NewPage, Fields(change.AddDays(-1), "10:00", "12:00"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.PostFormAsync(c.NewPage, Fields(change, "10:00", "12:00"))).StatusCode);
        var skipped = await facilitator.PostFormAsync(c.NewPage, Fields(change.AddDays(7), "02:30", "04:00"));

        var sessions = await app.SessionsOfAsync(c.Id);
        Assert.Equal(
            [new DateTime(change.AddDays(-1), new TimeOnly(9, 0), DateTimeKind.Utc), new DateTime(change, new TimeOnly(8, 0), DateTimeKind.Utc)],
            sessions.Take(2).Select(s => DateTime.SpecifyKind(s.StartsAtUtc, DateTimeKind.Utc)));
        var after = await app.Outbox.WaitForMessageToAsync(c.Members[0].Email!, change.ToString("d MMMM yyyy", Dutch));
        var e = Assert.Single(CalendarOf(after).Calendar.Events);
        Assert.Equal(new DateTime(change, new TimeOnly(8, 0), DateTimeKind.Utc), e.DtStart!.AsUtc);

        // change + 7 is a normal Sunday, so the skipped hour only exists on the change day itself.
        Assert.Equal(HttpStatusCode.Redirect, skipped.StatusCode);
        var refused = await facilitator.PostFormAsync(c.NewPage, Fields(change, "02:30", "04:00"));
        Assert.Contains("Deze tijd bestaat niet", await refused.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(3, (await app.SessionsOfAsync(c.Id)).Count);
    }

    [Theory]
    [InlineData(20, "16:00", "14:00", null, "De eindtijd moet na de begintijd liggen.")]
    [InlineData(20, "14:00", "14:00", null, "De eindtijd moet na de begintijd liggen.")]
    [InlineData(20, "06:00", "19:00", null, "Een bijeenkomst duurt hoogstens 12 uur.")]
    [InlineData(-1, "14:00", "16:00", null, "Dit moment ligt in het verleden.")]
    [InlineData(1000, "14:00", "16:00", null, "Plan een bijeenkomst hoogstens 2 jaar vooruit.")]
    [InlineData(20, "14:00", "16:00", "http://meet.example.nl/x", "De videolink klopt niet.")]
    [InlineData(20, "14:00", "16:00", "meet.example.nl/x", "De videolink klopt niet.")]
    [InlineData(20, "14:00", "16:00", "javascript:alert(1)", "De videolink klopt niet.")]
    [InlineData(20, "25:00", "16:00", null, "'25:00' is geen geldige waarde voor Begintijd.")]
    public async Task Bad_input_gets_a_plain_message_and_nothing_is_stored(int days, string start, string end, string? link, string message)
    {
        var c = await app.CommunityAsync();
        var facilitator = await app.LoggedInClientAsync(c.Facilitator.Email!);

        var response = await facilitator.PostFormAsync(c.NewPage, Fields(Today.AddDays(days), start, end, link: link));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.TextAsync(), StringComparison.Ordinal);
        Assert.Empty(await app.SessionsOfAsync(c.Id));
        Assert.Equal(0, app.MailsTo(c.Members[0].Email!, "Uitnodiging:"));
    }

    [Fact]
    public async Task A_session_without_place_or_link_or_date_is_refused_with_a_message_per_field()
    {
        var c = await app.CommunityAsync();
        var facilitator = await app.LoggedInClientAsync(c.Facilitator.Email!);

        var fields = Fields(Today.AddDays(5), "", "", place: null);
        fields["Input.Date"] = "";
        var text = await (await facilitator.PostFormAsync(c.NewPage, fields)).TextAsync();

        Assert.Contains("Vul de datum in.", text, StringComparison.Ordinal);
        Assert.Contains("Vul de begintijd in.", text, StringComparison.Ordinal);
        Assert.Contains("Vul de eindtijd in.", text, StringComparison.Ordinal);
        Assert.Contains("Vul een plaats of een videolink in", text, StringComparison.Ordinal);
        Assert.Empty(await app.SessionsOfAsync(c.Id));
    }

    [Fact]
    public async Task An_overlapping_session_is_refused_naming_the_other_one_but_a_cancelled_one_or_another_community_does_not_count()
    {
        var c = await app.CommunityAsync();
        var other = await app.CommunityAsync();
        var day = Today.AddDays(30);
        await app.SessionAsync(c.Id, Utc(day, "14:00"));
        await app.SessionAsync(c.Id, Utc(day, "19:00"), configure: s => s.CancelledAtUtc = DateTime.UtcNow);
        await app.SessionAsync(other.Id, Utc(day, "10:00"));
        var facilitator = await app.LoggedInClientAsync(c.Facilitator.Email!);

        var overlapping = await facilitator.PostFormAsync(c.NewPage, Fields(day, "15:30", "17:00"));
        var afterIt = await facilitator.PostFormAsync(c.NewPage, Fields(day, "16:00", "17:00"));
        var onCancelled = await facilitator.PostFormAsync(c.NewPage, Fields(day, "19:00", "20:00"));
        var onOtherCommunity = await facilitator.PostFormAsync(c.NewPage, Fields(day, "10:00", "11:00"));

        Assert.Contains(
            $"Er is al een bijeenkomst op {day.ToString("dddd d MMMM yyyy", Dutch)} van 14:00 tot 16:00.",
            await overlapping.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect],
            new[] { overlapping, afterIt, onCancelled, onOtherCommunity }.Select(r => r.StatusCode));
        Assert.Equal(5, (await app.SessionsOfAsync(c.Id)).Count);
    }

    [Fact]
    public async Task Changing_the_time_raises_the_sequence_and_mails_an_update_while_an_agenda_change_mails_nobody()
    {
        var c = await app.CommunityAsync();
        var day = Today.AddDays(40);
        var session = await app.SessionAsync(c.Id, Utc(day, "14:00"));
        var other = await app.SessionAsync(c.Id, Utc(day.AddDays(7), "14:00"));
        var facilitator = await app.LoggedInClientAsync(c.Facilitator.Email!);
        var page = c.SessionPage(session.Id);

        var agendaOnly = Fields(day, "14:00", "16:00", agenda: "Nieuwe agenda");
        agendaOnly["Input.Version"] = "0";
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.PostFormAsync(page + "?handler=Edit", agendaOnly, page)).StatusCode);
        var afterAgenda = await app.SessionByIdAsync(session.Id);
        Assert.Equal((0, 1, "Nieuwe agenda"), (afterAgenda.Sequence, afterAgenda.Version, afterAgenda.Agenda));
        Assert.Equal(0, app.MailsTo(c.Members[0].Email!, "Gewijzigd:"));

        var overlap = Fields(day.AddDays(7), "15:00", "16:00");
        overlap["Input.Version"] = "1";
        var refused = await facilitator.PostFormAsync(page + "?handler=Edit", overlap, page);
        Assert.Contains("Er is al een bijeenkomst op", await refused.TextAsync(), StringComparison.Ordinal);

        var moved = Fields(day.AddDays(1), "09:00", "11:00", agenda: "Nieuwe agenda");
        moved["Input.Version"] = "1";
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.PostFormAsync(page + "?handler=Edit", moved, page)).StatusCode);

        var now = await app.SessionByIdAsync(session.Id);
        Assert.Equal((1, 2, Utc(day.AddDays(1), "09:00")), (now.Sequence, now.Version, now.StartsAtUtc));
        var mail = await app.Outbox.WaitForMessageToAsync(c.Members[1].Email!, "Gewijzigd:");
        var (type, calendar) = CalendarOf(mail);
        Assert.Equal("REQUEST", type.Parameters["method"]);
        var e = Assert.Single(calendar.Events);
        Assert.Equal(($"{session.Id:D}@leerrijk", 1, now.StartsAtUtc), (e.Uid, e.Sequence, e.DtStart!.AsUtc));
        Assert.Equal(0, (await app.SessionByIdAsync(other.Id)).Sequence);
    }

    [Fact]
    public async Task Two_facilitators_editing_at_once_the_second_is_told_and_keeps_what_they_typed()
    {
        var c = await app.CommunityAsync();
        var second = await app.CreateUserAsync();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            db.CommunityMembers.Add(new CommunityMember { CommunityId = c.Id, UserId = second.Id, Email = second.Email!, Role = CommunityRole.Facilitator, Status = MemberStatus.Active });
            await db.SaveChangesAsync();
        }

        var day = Today.AddDays(50);
        var session = await app.SessionAsync(c.Id, Utc(day, "14:00"));
        var one = await app.LoggedInClientAsync(c.Facilitator.Email!);
        var two = await app.LoggedInClientAsync(second.Email!);
        var page = c.SessionPage(session.Id);
        var loadedByOne = await one.GetHtmlAsync(page);
        var loadedByTwo = await two.GetHtmlAsync(page);

        var first = Fields(day, "14:00", "16:00", place: "Kantine van Bakkerij De Korenschoof");
        first["Input.Version"] = "0";
        Assert.Equal(HttpStatusCode.Redirect, (await one.PostLoadedFormAsync(page + "?handler=Edit", loadedByOne, first)).StatusCode);
        var secondEdit = Fields(day, "15:00", "17:00", place: "Zaal 12 van het ROC");
        secondEdit["Input.Version"] = "0";
        var conflict = await two.PostLoadedFormAsync(page + "?handler=Edit", loadedByTwo, secondEdit);

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var text = await conflict.TextAsync();
        Assert.Contains("Iemand anders heeft deze bijeenkomst intussen gewijzigd.", text, StringComparison.Ordinal);
        Assert.Contains("<dd>Kantine van Bakkerij De Korenschoof</dd>", text, StringComparison.Ordinal);
        Assert.Contains("value=\"Zaal 12 van het ROC\"", text, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Version\" value=\"1\"", text, StringComparison.Ordinal);
        var stored = await app.SessionByIdAsync(session.Id);
        Assert.Equal(("Kantine van Bakkerij De Korenschoof", Utc(day, "14:00"), 1), (stored.Place, stored.StartsAtUtc, stored.Version));
    }

    [Fact]
    public async Task A_cancelled_session_mails_a_calendar_cancel_and_stays_listed_as_cancelled()
    {
        var c = await app.CommunityAsync();
        var session = await app.SessionAsync(c.Id, Utc(Today.AddDays(60), "14:00"));
        var facilitator = await app.LoggedInClientAsync(c.Facilitator.Email!);
        var page = c.SessionPage(session.Id);

        var response = await facilitator.PostFormAsync(page + "?handler=Cancel", new() { ["Version"] = "0" }, page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.SessionByIdAsync(session.Id);
        Assert.NotNull(stored.CancelledAtUtc);
        Assert.Equal(1, stored.Sequence);
        var mail = await app.Outbox.WaitForMessageToAsync(c.Members[0].Email!, "Afgelast:");
        var (type, calendar) = CalendarOf(mail);
        Assert.Equal(("CANCEL", "CANCEL"), (type.Parameters["method"], calendar.Method));
        var e = Assert.Single(calendar.Events);
        Assert.Equal(($"{session.Id:D}@leerrijk", 1, "CANCELLED"), (e.Uid, e.Sequence, e.Status));

        var member = await app.LoggedInClientAsync(c.Members[0].Email!);
        Assert.Contains("Deze bijeenkomst is afgelast.", await member.GetHtmlAsync(page), StringComparison.Ordinal);
        var download = Ical.Net.Calendar.Load(await member.GetStringAsync(page + "?handler=Ics"))!;
        Assert.Equal("CANCELLED", Assert.Single(download.Events).Status);

        var edit = Fields(Today.AddDays(61), "14:00", "16:00");
        edit["Input.Version"] = "1";
        var refused = await facilitator.PostFormAsync(page + "?handler=Edit", edit, page);
        Assert.Contains("Deze bijeenkomst is afgelast. U kunt haar niet meer wijzigen.", await refused.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attendance_and_notes_are_recorded_only_once_the_session_started_and_members_read_the_notes()
    {
        var c = await app.CommunityAsync();
        var past = await app.SessionAsync(c.Id, DateTime.UtcNow.AddHours(-3));
        var future = await app.SessionAsync(c.Id, Utc(Today.AddDays(70), "14:00"));
        var facilitator = await app.LoggedInClientAsync(c.Facilitator.Email!);

        var early = await facilitator.PostFormFieldsAsync(c.SessionPage(future.Id) + "?handler=Attendance", [("Present", c.MemberRowIds[0].ToString())], c.SessionPage(future.Id));
        var earlyNotes = await facilitator.PostFormAsync(c.SessionPage(future.Id) + "?handler=Notes", new() { ["Notes"] = "Te vroeg", ["Version"] = "0" }, c.SessionPage(future.Id));
        Assert.Contains("De bijeenkomst is nog niet begonnen.", await early.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("De bijeenkomst is nog niet begonnen.", await earlyNotes.TextAsync(), StringComparison.Ordinal);

        var page = c.SessionPage(past.Id);
        var form = await facilitator.GetHtmlAsync(page);
        Assert.Contains($"id=\"present-{c.MemberRowIds[1]}\"", form, StringComparison.Ordinal);
        var saved = await facilitator.PostFormFieldsAsync(page + "?handler=Attendance", [("Present", c.MemberRowIds[0].ToString()), ("Present", Guid.NewGuid().ToString())], page);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var notes = await facilitator.PostFormAsync(page + "?handler=Notes", new() { ["Notes"] = "We deelden drie manieren van inwerken.\nVolgende keer: resultaten.", ["Version"] = "0" }, page);
        Assert.Equal(HttpStatusCode.Redirect, notes.StatusCode);

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            var rows = await db.SessionAttendances.AsNoTracking().ToListAsync();
            Assert.DoesNotContain(rows, a => a.SessionId == future.Id);
            var recorded = rows.Where(a => a.SessionId == past.Id).ToDictionary(a => a.MemberId, a => a.Present);
            Assert.Equal(3, recorded.Count); // the facilitator and both members; the stranger's id is ignored
            Assert.True(recorded[c.MemberRowIds[0]]);
            Assert.False(recorded[c.MemberRowIds[1]]);
        }

        var member = await app.LoggedInClientAsync(c.Members[1].Email!);
        var read = await member.GetHtmlAsync(page);
        Assert.Contains("We deelden drie manieren van inwerken.<br>Volgende keer: resultaten.", read, StringComparison.Ordinal);
        Assert.DoesNotContain("?handler=Attendance", read, StringComparison.Ordinal);
        Assert.Null((await app.SessionByIdAsync(future.Id)).Notes);
    }

    [Fact]
    public async Task Members_read_a_session_and_download_it_but_get_403_on_every_runners_handler_and_outsiders_get_404()
    {
        var c = await app.CommunityAsync();
        var session = await app.SessionAsync(c.Id, DateTime.UtcNow.AddHours(-1));
        var page = c.SessionPage(session.Id);
        var member = await app.LoggedInClientAsync(c.Members[0].Email!);
        var outsider = await app.LoggedInClientAsync((await app.CreateUserAsync()).Email!);
        var left = await app.LoggedInClientAsync(c.Left.Email!);

        Assert.Contains("Zaal 3, Regiohuis", await member.GetHtmlAsync(page), StringComparison.Ordinal);
        var ics = await member.GetAsync(page + "?handler=Ics");
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType!.MediaType);
        Assert.Equal("PUBLISH", Ical.Net.Calendar.Load(await ics.Content.ReadAsStringAsync())!.Method);

        var token = await member.GetAntiforgeryTokenAsync(page);
        foreach (var handler in new[] { "Edit", "Cancel", "Notes", "Attendance" })
        {
            var post = await member.PostAsync(page + "?handler=" + handler, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Version"] = "0",
                ["Input.Version"] = "0",
                ["Notes"] = "Indringer",
                ["Present"] = c.MemberRowIds[0].ToString(),
            }));
            Assert.True(post.IsAccessDenied(), $"{handler}: {(int)post.StatusCode}");
        }

        Assert.True((await member.GetAsync(c.NewPage)).IsAccessDenied());
        foreach (var client in new[] { outsider, left })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(page)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(page + "?handler=Ics")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(c.NewPage)).StatusCode);
        }

        // A session of another community under this community's address does not exist either.
        var other = await app.CommunityAsync();
        var foreign = await app.SessionAsync(other.Id, DateTime.UtcNow.AddDays(3));
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync(c.SessionPage(foreign.Id))).StatusCode);
        var facilitator = await app.LoggedInClientAsync(c.Facilitator.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await facilitator.GetAsync(c.SessionPage(foreign.Id))).StatusCode);

        var stored = await app.SessionByIdAsync(session.Id);
        Assert.Equal((null, null, 0), (stored.Notes, stored.CancelledAtUtc, stored.Version));
    }

    [Fact]
    public async Task The_reminder_goes_once_a_day_ahead_to_active_members_and_never_for_a_cancelled_or_just_planned_session()
    {
        var c = await app.CommunityAsync();
        var now = DateTime.UtcNow;
        var start = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc).AddDays(80);
        var session = await app.SessionAsync(c.Id, start);
        var cancelled = await app.SessionAsync(c.Id, start.AddHours(3), configure: s => s.CancelledAtUtc = DateTime.UtcNow);
        var late = await app.SessionAsync(c.Id, start.AddHours(6), configure: s => s.CreatedAtUtc = start.AddHours(-12));
        var reminder = app.Services.GetRequiredService<SessionReminder>();

        await reminder.SendDueAsync(start.AddHours(-25));
        Assert.Null((await app.SessionByIdAsync(session.Id)).ReminderSentAtUtc);

        await reminder.SendDueAsync(start.AddHours(-23.5));
        await reminder.SendDueAsync(start.AddHours(-22.5));
        await reminder.SendDueAsync(start.AddHours(-1));

        Assert.Equal(start.AddHours(-23.5), (await app.SessionByIdAsync(session.Id)).ReminderSentAtUtc);
        Assert.Null((await app.SessionByIdAsync(cancelled.Id)).ReminderSentAtUtc);
        Assert.Null((await app.SessionByIdAsync(late.Id)).ReminderSentAtUtc);
        Assert.Equal(
            [1, 1, 1, 0, 0],
            c.Members.Append(c.Facilitator).Select(u => u.Email!).Append(c.InvitedEmail).Append(c.Left.Email!).Select(e => app.MailsTo(e, "Herinnering:")));
        var mail = await app.Outbox.WaitForMessageToAsync(c.Members[0].Email!, "Herinnering:");
        Assert.Contains("Een herinnering: de bijeenkomst van " + c.Name, mail.TextBody, StringComparison.Ordinal);
    }
}
