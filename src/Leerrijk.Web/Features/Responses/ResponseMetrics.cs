using System.Diagnostics.Metrics;

namespace Leerrijk.Web.Features.Responses;

/// <summary>
/// What a host watches of the answers coming in: every submission by outcome. <c>stored</c> and <c>replayed</c> are
/// the acknowledged ones (a replay was acknowledged before and is again); the rest were refused with a reason.
/// </summary>
public sealed class ResponseMetrics
{
    public const string MeterName = "Leerrijk.Responses";

    private readonly Counter<long> _submissions;

    public ResponseMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _submissions = meter.CreateCounter<long>("leerrijk.submissions", unit: "{submission}", description: "Complete responses submitted, by outcome; stored and replayed are acknowledged.");
    }

    public void Record(SubmissionResult result) =>
        _submissions.Add(1, new KeyValuePair<string, object?>("outcome", result.Outcome.ToString().ToLowerInvariant()),
            new KeyValuePair<string, object?>("acknowledged", result.Acknowledged));
}
