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
    private readonly Histogram<int> _batches;

    public ResponseMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _submissions = meter.CreateCounter<long>("leerrijk.submissions", unit: "{submission}", description: "Complete responses submitted, by outcome; stored and replayed are acknowledged.");
        _batches = meter.CreateHistogram<int>("leerrijk.submissions.batch_size", unit: "{response}", description: "Responses written together in one transaction (group commit).",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
    }

    public void RecordBatch(int size) => _batches.Record(size);

    public void Record(SubmissionResult result) =>
        _submissions.Add(1, new KeyValuePair<string, object?>("outcome", result.Outcome.ToString().ToLowerInvariant()),
            new KeyValuePair<string, object?>("acknowledged", result.Acknowledged));
}
