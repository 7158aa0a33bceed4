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

    public DateTime CreatedAtUtc { get; set; }
}

public sealed class QuickScanResultConfiguration : IEntityTypeConfiguration<QuickScanResult>
{
    public void Configure(EntityTypeBuilder<QuickScanResult> builder)
    {
        builder.ToTable("QuickScanResults");
        builder.Property(r => r.InstrumentId).HasMaxLength(100);
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

    public void Keep(HttpContext context, IReadOnlyDictionary<string, int?> answers, DateOnly takenOn) =>
        context.Response.Cookies.Append(
            CookieName,
            Protector.Protect(JsonSerializer.Serialize(new Carried(answers.ToDictionary(), takenOn)), clock.GetUtcNow() + Lifetime),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, IsEssential = true, MaxAge = Lifetime, Path = "/" });

    /// <summary>The carried scan, if the cookie is there, genuine and not expired.</summary>
    public (Dictionary<string, int?> Answers, DateOnly TakenOn)? Read(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is not { Length: > 0 } value)
        {
            return null;
        }

        try
        {
            var carried = JsonSerializer.Deserialize<Carried>(Protector.Unprotect(value, out _));
            return carried is null ? null : (carried.Answers, carried.TakenOn);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public static void Forget(HttpContext context) => context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });

    private sealed record Carried(Dictionary<string, int?> Answers, DateOnly TakenOn);
}
