using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Reports;

/// <summary>Loads everything a round's report is built from, the same way for the page, the exports and the JSON API.</summary>
public sealed class ReportQueries(
    LeerrijkDbContext db, InstrumentCatalog catalog, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    /// <summary>At most this many open answers are read; ordered by the random response id, they are a fair sample.</summary>
    public const int MaxComments = 500;

    /// <summary>The report of a round of the current organisation, in the reader's language; null when the round is not found.</summary>
    public async Task<RoundReport?> BuildAsync(Guid organisationId, Guid roundId, string language, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId && r.OrganisationId == organisationId, cancellationToken);
        var instrument = round is null ? null : catalog.Find(round.InstrumentId, round.InstrumentVersion);
        if (round is null || instrument is null)
        {
            return null;
        }

        var module = round.ModuleId is null ? null : catalog.Find(round.ModuleId, round.ModuleVersion ?? 0);
        var readers = await ReadersAsync(db, round.OrganisationId, cancellationToken);
        var today = LocalizationSetup.Today(clock);
        if (round.StatusOn(today) != RoundStatus.Closed)
        {
            // An open round's report shows only the count: no statistics to read, however busy the campaign.
            var count = await db.Responses.CountAsync(r => r.RoundId == round.Id, cancellationToken);
            return Explained(ReportBuilder.Open(round, instrument, count + round.RemovedResponses, language, readers), round);
        }

        // Responses the background folder has not reached yet are added in memory: a report read never writes.
        var data = await RoundData.LoadAsync(db, catalog, round, cancellationToken);
        var previous = await PreviousAsync(round, today, cancellationToken);
        var comments = await db.Set<Responses.ResponseComment>().AsNoTracking()
            .Where(c => c.RoundId == round.Id)
            .OrderBy(c => c.ResponseId)
            .Take(MaxComments)
            .Select(c => c.Text)
            .ToListAsync(cancellationToken);
        return Explained(ReportBuilder.Build(round, instrument, module, data, previous, comments, new ReportTexts(language, GroupLabel), today, readers), round);
    }

    /// <summary>
    /// r in k' = k + r: the accounts that can open this organisation's reports. Every member role can, so every
    /// membership counts (ADR 0008); the round page's progress counts use the same number.
    /// </summary>
    public static Task<int> ReadersAsync(LeerrijkDbContext db, Guid organisationId, CancellationToken cancellationToken) =>
        db.Memberships.CountAsync(m => m.OrganisationId == organisationId, cancellationToken);

    /// <summary>The plain sentences every view shows about the effective threshold and the raw rows.</summary>
    /// <remarks>Once the retention period removed the raw answers (ADR 0021), no raw export exists any more, and every view says since when.</remarks>
    private RoundReport Explained(RoundReport report, Round round)
    {
        var removedOn = round.RawAnswersRemovedAtUtc is { } removed ? DateOnly.FromDateTime(LocalizationSetup.ToLocalTime(removed)) : (DateOnly?)null;
        var released = report.RawRowsReleased && removedOn is null;
        return report with
        {
            RawAnswersRemovedOn = removedOn,
            RawRowsReleased = released,
            ThresholdExplanation = l["Anonymity.EffectiveThreshold", report.Threshold, report.BaseThreshold, report.Readers].Value,
            RawRowsExplanation = released ? null
                : removedOn is { } day ? l["Report.RawAnswersRemoved", day.ToString("D", System.Globalization.CultureInfo.CurrentCulture)].Value
                : report.Status is ReportStatus.Full or ReportStatus.CompanyOnly ? l["Anonymity.RawRowsWithheld", report.Threshold].Value
                : null,
        };
    }


    /// <summary>The latest closed round of the same scan in the same organisation that ended before this one began.</summary>
    /// <summary>
    /// The round of the same scan that closed last before this one opened. A round closed by hand ends that day
    /// (its period is shortened on closing), so a follow-up opened the same day still finds it.
    /// </summary>
    private async Task<PreviousRound?> PreviousAsync(Round round, DateOnly today, CancellationToken cancellationToken)
    {
        var candidates = await db.Rounds.AsNoTracking()
            .Where(r => r.OrganisationId == round.OrganisationId && r.InstrumentId == round.InstrumentId && r.Id != round.Id && r.ClosesOn <= round.OpensOn)
            .OrderByDescending(r => r.ClosesOn)
            .Take(5)
            .ToListAsync(cancellationToken);
        var previous = candidates.FirstOrDefault(r => r.StatusOn(today) == RoundStatus.Closed);
        return previous is null ? null : new PreviousRound(previous, await RoundData.LoadAsync(db, catalog, previous, cancellationToken));
    }

    public string GroupLabel(string attribute, string value) => attribute switch
    {
        GroupAttribute.Role => l["Respondent." + value],
        GroupAttribute.Years => value switch
        {
            "lt1" => l["Years.LessThan1"],
            "1-5" => l["Years.1To5"],
            "5-10" => l["Years.5To10"],
            "10plus" => l["Years.10Plus"],
            _ => value,
        },
        ReportBuilder.Perspective => l["Report.Perspective." + value],
        _ => value,
    };
}
