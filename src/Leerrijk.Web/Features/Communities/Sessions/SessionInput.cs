using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Leerrijk.Web.Data;
using Leerrijk.Web.Infrastructure.Forms;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Communities.Sessions;

/// <summary>
/// The session form, shared by "Nieuwe bijeenkomst" and the session's own page: a day and times in Dutch time, a
/// place and/or a video link, an agenda; the rules it must meet, each broken one a message beside its field.
/// </summary>
public sealed class SessionInput
{
    /// <summary>The longest a session may last: a full working day and some; longer is a typing slip.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(12);

    /// <summary>How far ahead a session may be planned: a cycle runs months, not years.</summary>
    public const int MaxYearsAhead = 2;

    [Display(Name = "Session.Field.Date")]
    public DateOnly? Date { get; set; }

    [Display(Name = "Session.Field.Start")]
    public TimeOnly? StartTime { get; set; }

    [Display(Name = "Session.Field.End")]
    public TimeOnly? EndTime { get; set; }

    [StringLength(CommunitySession.PlaceMaxLength, ErrorMessage = "Validation.MaxLength")]
    [StorableText]
    [Display(Name = "Session.Field.Place")]
    public string? Place { get; set; }

    [StringLength(CommunitySession.LinkMaxLength, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Session.Field.VideoLink")]
    public string? VideoLink { get; set; }

    [StringLength(CommunitySession.AgendaMaxLength, ErrorMessage = "Validation.MaxLength")]
    [StorableText(AllowLineBreaks = true)]
    [Display(Name = "Session.Field.Agenda")]
    public string? Agenda { get; set; }

    /// <summary>The session's version when the form was loaded (edit only).</summary>
    public int? Version { get; set; }

    public static SessionInput From(CommunitySession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var start = LocalizationSetup.ToLocalTime(session.StartsAtUtc);
        var end = LocalizationSetup.ToLocalTime(session.EndsAtUtc);
        return new SessionInput
        {
            Date = DateOnly.FromDateTime(start),
            StartTime = TimeOnly.FromDateTime(start),
            EndTime = TimeOnly.FromDateTime(end),
            Place = session.Place,
            VideoLink = session.VideoLink,
            Agenda = session.Agenda,
            Version = session.Version,
        };
    }

    /// <summary>
    /// Checks the form against the rules and the community's other sessions; returns the times in UTC, or null with a
    /// message in <paramref name="modelState"/> for each broken rule.
    /// </summary>
    /// <param name="db">The database, for the other sessions.</param>
    /// <param name="communityId">The community.</param>
    /// <param name="existing">The session being changed, or null for a new one.</param>
    /// <param name="nowUtc">Now: a new time must lie after it.</param>
    /// <param name="modelState">Where the messages go, under "Input.*".</param>
    /// <param name="l">The texts.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    public async Task<(DateTime StartUtc, DateTime EndUtc)?> ValidateAsync(
        LeerrijkDbContext db, Guid communityId, CommunitySession? existing, DateTime nowUtc, ModelStateDictionary modelState, IStringLocalizer l, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(l);
        Place = Clean(Place);
        VideoLink = Clean(VideoLink);
        Agenda = Clean(Agenda);

        if (Date is null && !HasError(modelState, "Input.Date"))
        {
            modelState.AddModelError("Input.Date", l["Session.Error.DateRequired"]);
        }

        if (StartTime is null && !HasError(modelState, "Input.StartTime"))
        {
            modelState.AddModelError("Input.StartTime", l["Session.Error.StartRequired"]);
        }

        if (EndTime is null && !HasError(modelState, "Input.EndTime"))
        {
            modelState.AddModelError("Input.EndTime", l["Session.Error.EndRequired"]);
        }

        if (Place is null && VideoLink is null)
        {
            modelState.AddModelError("Input.Place", l["Session.Error.PlaceOrLink"]);
        }

        if (VideoLink is not null && !IsHttpsLink(VideoLink))
        {
            modelState.AddModelError("Input.VideoLink", l["Session.Error.Link"]);
        }

        if (Date is not { } date || StartTime is not { } startTime || EndTime is not { } endTime)
        {
            return null;
        }

        var zone = LocalizationSetup.DutchTime;
        var localStart = date.ToDateTime(startTime);
        var localEnd = date.ToDateTime(endTime);
        if (zone.IsInvalidTime(localStart) || zone.IsInvalidTime(localEnd))
        {
            // The hour the clocks skip in spring (02:00–03:00 on the last Sunday of March) does not exist in Dutch time.
            modelState.AddModelError(zone.IsInvalidTime(localStart) ? "Input.StartTime" : "Input.EndTime", l["Session.Error.NoSuchTime"]);
            return null;
        }

        var startUtc = TimeZoneInfo.ConvertTimeToUtc(localStart, zone);
        var endUtc = TimeZoneInfo.ConvertTimeToUtc(localEnd, zone);
        var today = DateOnly.FromDateTime(LocalizationSetup.ToLocalTime(nowUtc));
        var unchangedTime = existing is not null && existing.StartsAtUtc == startUtc && existing.EndsAtUtc == endUtc;
        if (endUtc <= startUtc)
        {
            modelState.AddModelError("Input.EndTime", l["Session.Error.EndBeforeStart"]);
        }
        else if (endUtc - startUtc > MaxLength)
        {
            modelState.AddModelError("Input.EndTime", l["Session.Error.TooLong", (int)MaxLength.TotalHours]);
        }

        // A session that already took place may still get its place or agenda corrected; a new time must lie ahead.
        if (!unchangedTime && startUtc <= nowUtc)
        {
            modelState.AddModelError("Input.Date", l["Session.Error.Past"]);
        }
        else if (date > today.AddYears(MaxYearsAhead))
        {
            modelState.AddModelError("Input.Date", l["Session.Error.TooFar", MaxYearsAhead]);
        }

        if (!modelState.IsValid)
        {
            return null;
        }

        var existingId = existing?.Id;
        var overlapping = await db.CommunitySessions.AsNoTracking()
            .Where(s => s.CommunityId == communityId && s.Id != existingId && s.CancelledAtUtc == null && s.StartsAtUtc < endUtc && s.EndsAtUtc > startUtc)
            .OrderBy(s => s.StartsAtUtc)
            .FirstOrDefaultAsync(cancellationToken);
        if (overlapping is not null)
        {
            var (day, from, to) = Describe(overlapping, CultureInfo.CurrentCulture);
            modelState.AddModelError("Input.StartTime", l["Session.Error.Overlap", day, from, to]);
            return null;
        }

        return (startUtc, endUtc);
    }

    /// <summary>Whether saving changes what members were told: then the sequence rises and they get an update.</summary>
    public bool ChangesWhatMembersKnow(CommunitySession session, DateTime startUtc, DateTime endUtc)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.StartsAtUtc != startUtc || session.EndsAtUtc != endUtc || session.Place != Place || session.VideoLink != VideoLink;
    }

    public void ApplyTo(CommunitySession session, DateTime startUtc, DateTime endUtc)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.StartsAtUtc = startUtc;
        session.EndsAtUtc = endUtc;
        session.Place = Place;
        session.VideoLink = VideoLink;
        session.Agenda = Agenda;
    }

    /// <summary>The session's day and times in Dutch time, written for <paramref name="culture"/>: ("dinsdag 3 maart 2026", "14:00", "16:30").</summary>
    public static (string Day, string From, string To) Describe(CommunitySession session, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(session);
        var start = LocalizationSetup.ToLocalTime(session.StartsAtUtc);
        var end = LocalizationSetup.ToLocalTime(session.EndsAtUtc);
        return (start.ToString("dddd d MMMM yyyy", culture), start.ToString("HH:mm", culture), end.ToString("HH:mm", culture));
    }

    /// <summary>Only an absolute https link to a named host: a meeting link that is not https would send members' sessions in the clear.</summary>
    public static bool IsHttpsLink(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Contains('.', StringComparison.Ordinal) && !link.Any(char.IsWhiteSpace);

    /// <summary>Whether the binder already explained what is wrong with the field (such as "25:00"), so a second message would only repeat it.</summary>
    private static bool HasError(ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
