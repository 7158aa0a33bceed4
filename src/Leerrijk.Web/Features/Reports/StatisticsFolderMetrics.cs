using System.Diagnostics.Metrics;

namespace Leerrijk.Web.Features.Reports;

/// <summary>
/// How far the statistics folder is behind: responses waiting (counted at the start of each run), how long since it
/// last had nothing left to fold, and how many it folded. A growing lag means reports read an ever longer unfolded
/// tail, which still gives the right figures but costs time. Also where the folder found each response's answers: in
/// memory, because this instance had just stored them, or read back from the database; a steady stream of read-backs on
/// a single instance means the memory shortcut is not working and folding costs more than it should.
/// </summary>
public sealed class StatisticsFolderMetrics
{
    public const string MeterName = "Leerrijk.Statistics";

    private readonly TimeProvider _clock;
    private readonly Counter<long> _folded;
    private readonly Counter<long> _answersFound;
    private long _backlog;
    private long _caughtUpTicks;

    public StatisticsFolderMetrics(IMeterFactory meters, TimeProvider clock)
    {
        _clock = clock;
        _caughtUpTicks = clock.GetUtcNow().UtcTicks;
        var meter = meters.Create(MeterName);
        _folded = meter.CreateCounter<long>("leerrijk.statistics.folded", unit: "{response}", description: "Responses folded into the round statistics.");
        _answersFound = meter.CreateCounter<long>("leerrijk.statistics.answers_found", unit: "{response}",
            description: "Responses folded, by where their answers came from: memory (stored by this instance a moment ago) or database (read back).");
        meter.CreateObservableGauge("leerrijk.statistics.backlog", () => Interlocked.Read(ref _backlog), unit: "{response}",
            description: "Responses waiting to be folded, as counted at the start of the folder's last run.");
        meter.CreateObservableGauge("leerrijk.statistics.lag", LagSeconds, unit: "s",
            description: "Seconds since the folder last had nothing left to fold; 0 while it keeps up.");
    }

    public void RunStarted(long waiting) => Interlocked.Exchange(ref _backlog, waiting);

    public void Folded(int responses) => _folded.Add(responses);

    public void AnswersFound(int inMemory, int readBack)
    {
        _answersFound.Add(inMemory, new KeyValuePair<string, object?>("source", "memory"));
        _answersFound.Add(readBack, new KeyValuePair<string, object?>("source", "database"));
    }

    public void CaughtUp()
    {
        Interlocked.Exchange(ref _backlog, 0);
        Interlocked.Exchange(ref _caughtUpTicks, _clock.GetUtcNow().UtcTicks);
    }

    private double LagSeconds() => Interlocked.Read(ref _backlog) == 0
        ? 0
        : (_clock.GetUtcNow().UtcTicks - Interlocked.Read(ref _caughtUpTicks)) / (double)TimeSpan.TicksPerSecond;
}
