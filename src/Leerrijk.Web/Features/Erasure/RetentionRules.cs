namespace Leerrijk.Web.Features.Erasure;

/// <summary>How long what is kept (ADR 0021), in one place for the settings page, the job and the tests.</summary>
public static class RetentionRules
{
    /// <summary>Raw answers are kept this many months after a round closes, unless the owner chose fewer.</summary>
    public const int DefaultMonths = 24;

    public const int MinMonths = 1;

    /// <summary>No longer than the default: a host promises companies this as the longest period.</summary>
    public const int MaxMonths = DefaultMonths;

    /// <summary>Between an owner's request and the erasure of the organisation; any owner can cancel meanwhile.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromDays(7);

    /// <summary>When a round closed at <paramref name="closedAtUtc"/> loses its raw answers.</summary>
    public static DateTime RawAnswersDue(DateTime closedAtUtc, int months) => closedAtUtc.AddMonths(Math.Clamp(months, MinMonths, MaxMonths));

    /// <summary>When an organisation whose erasure was asked at <paramref name="requestedAtUtc"/> is erased.</summary>
    public static DateTime ErasureDue(DateTime requestedAtUtc) => requestedAtUtc + GracePeriod;
}
