using System.Collections.Concurrent;
using System.Security.Cryptography;
using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.Rounds;

/// <summary>One measurement in an organisation: an instrument (and optional module) answered between two dates.</summary>
/// <remarks>
/// A round keeps the instrument version and fingerprint it started with, so later wording changes never mix
/// into its results. It is reached by a short public <see cref="Code"/>.
/// </remarks>
public sealed class Round : IOrganisationScoped, IHasCreatedAt
{
    public const int TitleMaxLength = 200;
    public const int MaxDepartments = 30;
    public const int DepartmentMaxLength = 60;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }

    /// <summary>The short public code in /s/{code}; unambiguous letters and digits only, so it can be typed from a poster.</summary>
    public string Code { get; set; } = "";

    public string Title { get; set; } = "";

    public string InstrumentId { get; set; } = "";

    public int InstrumentVersion { get; set; }

    public string InstrumentFingerprint { get; set; } = "";

    public string? ModuleId { get; set; }

    public int? ModuleVersion { get; set; }

    public string? ModuleFingerprint { get; set; }

    /// <summary>First day people can answer (Dutch calendar).</summary>
    public DateOnly OpensOn { get; set; }

    /// <summary>Last day people can answer (Dutch calendar); the round closes itself after it.</summary>
    public DateOnly ClosesOn { get; set; }

    /// <summary>Respondent roles invited, as instrument role names (employee, manager, …).</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>The departments respondents choose from; empty when the organisation does not ask.</summary>
    public List<string> Departments { get; set; } = [];

    /// <summary>Languages offered to respondents ("nl", "en").</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>How many people were asked, if HR knows; the response rate is counted against it.</summary>
    public int? ExpectedRespondents { get; set; }

    /// <summary>k: no figure about fewer respondents is ever shown. At least <see cref="Anonymity.AnonymityOptions.LowestThreshold"/>.</summary>
    public int AnonymityThreshold { get; set; }

    public Guid CreatedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? ClosedAtUtc { get; set; }

    /// <summary>The day the staff's representatives agreed to this round, when the owner recorded it (<see cref="WorksCouncilAgreement"/>).</summary>
    public DateOnly? WorksCouncilAgreedOn { get; set; }

    /// <summary>Who agreed: the works council, the staff representation or a staff meeting; set together with <see cref="WorksCouncilAgreedOn"/>.</summary>
    public ConsultedBody? WorksCouncilBody { get; set; }

    /// <summary>The owner's own note on the agreement, such as the minutes' reference; optional.</summary>
    public string? WorksCouncilNote { get; set; }

    /// <summary>When the retention period removed the raw answers; the report then reads the folded statistics only.</summary>
    public DateTime? RawAnswersRemovedAtUtc { get; set; }

    /// <summary>How many responses were removed with the raw answers, so counts of the round stay right afterwards.</summary>
    public int RemovedResponses { get; set; }

    public RoundStatus StatusOn(DateOnly today) =>
        ClosedAtUtc is not null || today > ClosesOn ? RoundStatus.Closed
        : today < OpensOn ? RoundStatus.Planned
        : RoundStatus.Open;

    /// <summary>Letters and digits without look-alikes (no 0/O, 1/I/L), for codes people type from paper or a screen.</summary>
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>A new random public code of six characters.</summary>
    public static string NewCode() => RandomCode(6);

    /// <summary>Random characters from <see cref="CodeAlphabet"/>; also used for respondents' resume codes.</summary>
    public static string RandomCode(int length) =>
        string.Create(length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
            }
        });

    /// <summary>Codes are typed in any case and with stray spaces; they are stored upper-case.</summary>
    public static string NormalizeCode(string? code) => (code ?? "").Trim().ToUpperInvariant();
}

/// <summary>
/// Rounds by code for the submission path and the answering pages, kept for a few seconds: in a campaign every
/// submission and every respondent's screen would otherwise read the same round row again. Closing a round by hand forgets it at once; a round that passes its closing date
/// is seen as closed from its dates, so only another app instance's manual close can lag, by <see cref="Lifetime"/>.
/// </summary>
/// <remarks>The rounds handed out are shared between requests: callers only read them.</remarks>
public sealed class RoundCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, (Round Round, DateTimeOffset Until)> _byCode = new(StringComparer.Ordinal);

    public async Task<Round?> FindByCodeAsync(IQueryable<Round> rounds, string code, CancellationToken cancellationToken)
    {
        var normalized = Round.NormalizeCode(code);
        var now = clock.GetUtcNow();
        if (_byCode.TryGetValue(normalized, out var hit) && hit.Until > now)
        {
            return hit.Round;
        }

        var round = await rounds.FindByCodeAsync(normalized, cancellationToken);
        if (round is not null)
        {
            // Unknown codes are not kept, so guessing codes cannot fill memory; known ones are bounded anyway.
            if (_byCode.Count >= MaxEntries)
            {
                _byCode.Clear();
            }

            _byCode[normalized] = (round, now + Lifetime);
        }

        return round;
    }

    public void Forget(string code) => _byCode.TryRemove(Round.NormalizeCode(code), out _);
}

/// <summary>Finding a round by the code people type, the same way for the answering pages and the API.</summary>
public static class RoundQueries
{
    public static Task<Round?> FindByCodeAsync(this IQueryable<Round> rounds, string code, CancellationToken cancellationToken)
    {
        var normalized = Round.NormalizeCode(code);
        return rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Code == normalized, cancellationToken);
    }
}

public enum RoundStatus
{
    Planned,
    Open,
    Closed,
}

public sealed class RoundConfiguration : IEntityTypeConfiguration<Round>
{
    public void Configure(EntityTypeBuilder<Round> builder)
    {
        builder.HasIndex(r => r.Code).IsUnique();
        builder.HasIndex(r => r.OrganisationId);
        builder.Property(r => r.Code).HasMaxLength(16);
        builder.Property(r => r.Title).HasMaxLength(Round.TitleMaxLength);
        builder.Property(r => r.InstrumentId).HasMaxLength(100);
        builder.Property(r => r.InstrumentFingerprint).HasMaxLength(64);
        builder.Property(r => r.ModuleId).HasMaxLength(100);
        builder.Property(r => r.ModuleFingerprint).HasMaxLength(64);
        builder.Property(r => r.WorksCouncilBody).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.WorksCouncilNote).HasMaxLength(WorksCouncilAgreement.NoteMaxLength);
        builder.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
