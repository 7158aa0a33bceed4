namespace Leerrijk.FaultTests.Harness;

/// <summary>What the database holds compared with what devices sent and were told: the pass criteria of every durability check.</summary>
public sealed record Verdict(int Acknowledged, int Lost, int NeverSent, int Partial, string Integrity)
{
    public bool Passed => Lost == 0 && NeverSent == 0 && Partial == 0 && Integrity == "ok";

    /// <param name="database">Where the app stored the responses.</param>
    /// <param name="load">What devices sent and were told.</param>
    /// <param name="finishedOnPages">Responses that respondents sent through the answering pages meanwhile (stored, but not by these devices).</param>
    public static async Task<Verdict> CheckAsync(Database database, SubmissionLoad load, int finishedOnPages = 0)
    {
        var stored = await database.ResponsesAsync(Respondents.DemoCode);
        var acknowledged = load.Acknowledged.ToHashSet();
        return new Verdict(
            acknowledged.Count,
            acknowledged.Count(id => !stored.ContainsKey(id)),
            stored.Keys.Count(id => !load.Sent.ContainsKey(id)) - finishedOnPages,
            stored.Count(s => load.Sent.TryGetValue(s.Key, out var sent) && s.Value != (sent.Answers, sent.Comments)),
            await database.IntegrityCheckAsync());
    }

    public IEnumerable<(string, object)> Figures(SubmissionLoad load) =>
    [
        ("responses sent (distinct ids)", load.Sent.Count),
        ("acknowledged", Acknowledged),
        ("acknowledged again on resend (first acknowledgement lost)", load.Replays),
        ("transport errors (refused/reset), resent", load.TransportErrors),
        ("HTTP statuses", string.Join(", ", load.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))),
        ("5xx other than 503", load.ServerErrors),
        ("lost (acknowledged, not stored)", Lost),
        ("stored but never sent", NeverSent),
        ("stored with missing or extra answer/comment rows", Partial),
        ("integrity check", Integrity),
    ];

    public void Assert(SubmissionLoad load)
    {
        Xunit.Assert.Equal(0, load.Unacknowledged);
        Xunit.Assert.Equal(0, Lost);
        Xunit.Assert.Equal(0, NeverSent);
        Xunit.Assert.Equal(0, Partial);
        Xunit.Assert.Equal("ok", Integrity);
        Xunit.Assert.Equal(0, load.ServerErrors);
        Xunit.Assert.Empty(load.Problems);
    }
}
