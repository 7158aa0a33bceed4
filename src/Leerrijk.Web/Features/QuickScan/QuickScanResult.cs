using System.Text.Json;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Scoring.Statistics;
using Leerrijk.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.QuickScan;

/// <summary>An owner's own quick scan, kept with the organisation they created after taking it.</summary>
/// <remarks>This is one named person's view of their own company, not an employee's answer: it needs no anonymity.</remarks>
public sealed class QuickScanResult : IOrganisationScoped, IHasCreatedAt
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }

    public string InstrumentId { get; set; } = "";

    public int InstrumentVersion { get; set; }

    /// <summary>Item id → point, or null for don't know.</summary>
    public string AnswersJson { get; set; } = "{}";

    public DateOnly TakenOn { get; set; }

    /// <summary>The company size the owner chose on the scan, if any: it shaped the first steps.</summary>
    public Organisations.SizeClass? SizeClass { get; set; }

    /// <summary>
    /// Menukaart slugs of the first steps the owner saw, in order (a JSON array). Kept rather than re-derived: editors
    /// change the menukaart, and the owner should find the same steps after signing up as before.
    /// </summary>
    public string StepsJson { get; set; } = "[]";

    public DateTime CreatedAtUtc { get; set; }

    public const int StepsJsonMaxLength = 1000;

    /// <summary>The kept steps' slugs; none for a scan kept before steps were kept.</summary>
    public IReadOnlyList<string> StepSlugs => string.IsNullOrWhiteSpace(StepsJson) ? [] : JsonSerializer.Deserialize<List<string>>(StepsJson) ?? [];
}

public sealed class QuickScanResultConfiguration : IEntityTypeConfiguration<QuickScanResult>
{
    public void Configure(EntityTypeBuilder<QuickScanResult> builder)
    {
        builder.ToTable("QuickScanResults");
        builder.Property(r => r.InstrumentId).HasMaxLength(100);
        builder.Property(r => r.SizeClass).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.StepsJson).HasMaxLength(QuickScanResult.StepsJsonMaxLength);
        builder.HasIndex(r => r.OrganisationId);
        builder.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A quick scan's answers and what they mean: scores per theme, lowest first for advice.</summary>
public sealed record QuickScanProfile(Instrument Instrument, IReadOnlyDictionary<string, int?> Answers, IReadOnlyList<(Dimension Dimension, double? Score)> Themes)
{
    public static QuickScanProfile Of(Instrument instrument, IReadOnlyDictionary<string, int?> answers)
    {
        var response = new Response(answers.Select(a => new ItemAnswer(a.Key, a.Value is { } v ? Answer.Of(v) : Answer.DontKnow)));
        var scores = Scorer.Score(InstrumentScoring.ModelOf(instrument), response);
        return new QuickScanProfile(instrument, answers, instrument.Dimensions.Select(d => (d, scores.ScoreOf(d.Id))).ToList());
    }
}

/// <summary>
/// Carries a quick scan from the anonymous result page through registration to the new organisation, in a cookie
/// on the owner's own device: until they sign up, nothing of it is stored on the server.
/// </summary>
public sealed class QuickScanCarry(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "Leerrijk.Snelscan";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(2);

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Leerrijk.QuickScan.Carry").ToTimeLimitedDataProtector();

    public void Keep(HttpContext context, CarriedScan scan) =>
        context.Response.Cookies.Append(
            CookieName,
            Protector.Protect(JsonSerializer.Serialize(scan), clock.GetUtcNow() + Lifetime),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, IsEssential = true, MaxAge = Lifetime, Path = "/" });

    /// <summary>The carried scan, if the cookie is there, genuine and not expired.</summary>
    public CarriedScan? Read(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is not { Length: > 0 } value)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<CarriedScan>(Protector.Unprotect(value, out _));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public static void Forget(HttpContext context) => context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
}

/// <summary>What the owner saw on the result page, carried to their new organisation.</summary>
/// <param name="Answers">Item id → point, or null for don't know.</param>
/// <param name="TakenOn">The day of the scan.</param>
/// <param name="SizeClass">The size they chose, if any.</param>
/// <param name="Steps">Menukaart slugs of the first steps shown, in order.</param>
public sealed record CarriedScan(Dictionary<string, int?> Answers, DateOnly TakenOn, Organisations.SizeClass? SizeClass, IReadOnlyList<string>? Steps)
{
    /// <summary>The result as the organisation keeps it.</summary>
    /// <param name="organisationId">The new organisation.</param>
    /// <param name="instrument">The quick scan's instrument.</param>
    public QuickScanResult ToResult(Guid organisationId, Instrument instrument) => new()
    {
        OrganisationId = organisationId,
        InstrumentId = instrument.Id,
        InstrumentVersion = instrument.Version,
        AnswersJson = JsonSerializer.Serialize(Answers),
        TakenOn = TakenOn,
        SizeClass = SizeClass,
        StepsJson = JsonSerializer.Serialize(Steps ?? []),
    };
}

/// <summary>A quick scan's result as shown on the result page and, once kept, on the organisation's dashboard.</summary>
/// <param name="Profile">Scores per theme.</param>
/// <param name="Steps">The first steps, in order.</param>
/// <param name="PlanOrganisationId">Where "add to plan" puts a step; null where no plan exists or the person may not change it.</param>
/// <param name="Id">Prefix for the ids on the page.</param>
/// <param name="HeadingLevel">Level of the partial's own headings (2 on its own page, 3 inside a dashboard panel).</param>
public sealed record QuickScanView(QuickScanProfile Profile, IReadOnlyList<Menukaart.Intervention> Steps, Guid? PlanOrganisationId, string Id, int HeadingLevel);
