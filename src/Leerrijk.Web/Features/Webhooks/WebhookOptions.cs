using Microsoft.Extensions.Options;

namespace Leerrijk.Web.Features.Webhooks;

/// <summary>How webhooks are delivered (configuration section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>The waits before the second, third … attempt: a receiver that is down for an hour or an evening still gets the event.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultBackoff =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(12)];

    /// <summary>Deliver in the background (the default). Tests switch it off and call <see cref="WebhookWorker.RunDueAsync"/>.</summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>How often the background worker looks for due deliveries.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one attempt may take, connecting included; a slower receiver counts as a failed attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Waits between attempts; null or empty for <see cref="DefaultBackoff"/>. The last wait repeats if <see cref="MaxAttempts"/> asks for more.</summary>
    /// <remarks>An array rather than a list with defaults in it: the configuration binder would add to those instead of replacing them.</remarks>
    public TimeSpan[]? Backoff { get; set; }

    public IReadOnlyList<TimeSpan> BackoffSchedule => Backoff is { Length: > 0 } backoff ? backoff : DefaultBackoff;

    /// <summary>Attempts per delivery before it gives up: the first and one after each wait of the default schedule.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Deliveries in a row that give up before the subscription is switched off and its owners are mailed.</summary>
    public int DisableAfterFailures { get; set; } = 3;

    /// <summary>Attempts that run at the same time, so one slow receiver holds up at most one of them.</summary>
    public int MaxParallel { get; set; } = 8;

    /// <summary>Subscriptions one organisation or support organisation may have.</summary>
    public int MaxSubscriptions { get; set; } = 10;

    /// <summary>
    /// Allows http and addresses on private networks and this machine. For development and tests only (a receiver on
    /// 127.0.0.1); start-up refuses it in any other environment, and appsettings.json never sets it.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>The wait after attempt number <paramref name="attempt"/> (1-based) failed.</summary>
    public TimeSpan BackoffAfter(int attempt)
    {
        var schedule = BackoffSchedule;
        return schedule[Math.Clamp(attempt - 1, 0, schedule.Count - 1)];
    }
}

/// <summary>Refuses options that would open Leerrijk's network to a subscriber outside development and tests.</summary>
public sealed class WebhookOptionsValidation(IHostEnvironment environment) : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.AllowPrivateAddresses && !(environment.IsDevelopment() || environment.IsEnvironment("Testing")))
        {
            return ValidateOptionsResult.Fail(
                "Webhooks:AllowPrivateAddresses lets a subscriber make Leerrijk call its own network (SSRF); it is for development and tests only.");
        }

        if (options.MaxAttempts < 1 || options.DisableAfterFailures < 1 || options.MaxParallel < 1 || options.Timeout <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail("Webhooks: MaxAttempts, DisableAfterFailures and MaxParallel must be at least 1 and Timeout positive.");
        }

        return ValidateOptionsResult.Success;
    }
}
