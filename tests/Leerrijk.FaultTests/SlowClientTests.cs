using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Leerrijk.FaultTests.Harness;

namespace Leerrijk.FaultTests;

/// <summary>
/// Checks C7 and E6: connections that send their request a byte at a time (slow loris) do not slow down people
/// submitting, and fifty colleagues behind one office address finish a round without a single 429.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class SlowClientTests(FaultFixture fixture)
{
    [SkippableFact]
    public async Task Slow_loris_connections_do_not_move_normal_submissions()
    {
        var loris = Profile.Pick(500, 500);
        var rate = Profile.Pick(40, 100);
        var phase = TimeSpan.FromSeconds(Profile.Pick(8, 60));
        var database = await fixture.DatabaseAsync("postgres", "slowloris");
        await using var app = new AppProcess("slowloris", database, FaultFixture.NoRateLimits);
        await app.StartAsync();

        // Baseline, then the same load with the slow connections held open, then baseline again (the machine is shared and noisy).
        var before = await SubmitForAsync(app, rate, phase);
        using var hold = new CancellationTokenSource();
        var slow = new SlowLoris(app.Port, loris);
        var holding = slow.HoldAsync(hold.Token);
        await slow.Opened.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var during = await SubmitForAsync(app, rate, phase);
        var heldAtEnd = slow.Open;
        await hold.CancelAsync();
        await holding;
        var after = await SubmitForAsync(app, rate, phase);

        var baseline = Math.Max(Figures.Percentile(before.Milliseconds, 99), Figures.Percentile(after.Milliseconds, 99));
        var withLoris = Figures.Percentile(during.Milliseconds, 99);
        Results.Record("C7. Slow loris", database.Kind,
        [
            ("slow connections (one header byte every 5 s; reopened when Kestrel drops them)", $"{loris} opened, {heldAtEnd} still open at the end, {slow.Reopened} reopened"),
            ("submission rate offered in each phase", $"{rate}/s for {phase.TotalSeconds:0} s"),
            ("p99 before / with slow connections / after", $"{Figures.Percentile(before.Milliseconds, 99):0} / {withLoris:0} / {Figures.Percentile(after.Milliseconds, 99):0} ms"),
            ("p99 with slow connections ÷ the higher baseline", $"{withLoris / baseline:0.00}"),
            ("acknowledged / sent with slow connections", $"{during.Acknowledged} / {during.Sent}"),
        ],
        [
            ("every submission acknowledged while the slow connections are held", during.Acknowledged == during.Sent && during.Problems == 0),
            ("p99 within +20 % of the baseline (asserted in the full run, bench/faults.sh)", withLoris <= baseline * 1.2),
        ]);

        Assert.Equal(during.Sent, during.Acknowledged);
        Assert.Equal(0, during.Problems);
        Assert.True(await app.IsHealthyAsync());
        if (Profile.Full)
        {
            Assert.True(withLoris <= baseline * 1.2, $"p99 {withLoris:0} ms with slow connections against {baseline:0} ms without.");
        }
    }

    [SkippableFact]
    public async Task Fifty_colleagues_behind_one_address_finish_without_a_single_429()
    {
        var database = await fixture.DatabaseAsync("postgres", "oneaddress");
        // The default request budgets, as shipped: this is about them.
        await using var app = new AppProcess("oneaddress", database);
        await app.StartAsync();
        using var client = Browser.CreateClient(app.BaseAddress);
        var colleagues = new JourneyLoad(client, TimeSpan.FromSeconds(Profile.Pick(1, 5)), TimeSpan.FromSeconds(Profile.Pick(3, 20)));

        var clock = Stopwatch.StartNew();
        await colleagues.ArriveSpreadAsync(50, TimeSpan.FromSeconds(Profile.Pick(10, 120)));
        var took = clock.Elapsed;

        var tooMany = colleagues.Statuses.GetValueOrDefault(429);
        Results.Record("E6. Fifty colleagues behind one address", database.Kind,
        [
            ("request budgets", "as shipped (300 per browser and 6,000 per address per minute)"),
            .. colleagues.Summary(took.TotalSeconds),
            ("all finished after", $"{took.TotalSeconds:0} s"),
        ],
        [
            ("50 finished within 10 minutes", colleagues.Finished == 50 && took < TimeSpan.FromMinutes(10)),
            ("not a single 429", tooMany == 0),
        ]);

        Assert.Equal(0, tooMany);
        Assert.Equal(50, colleagues.Finished);
        Assert.Equal(0, colleagues.GaveUp);
        Assert.Empty(colleagues.Problems);
        Assert.True(took < TimeSpan.FromMinutes(10));
    }

    private static async Task<(List<double> Milliseconds, int Sent, int Acknowledged, int Problems)> SubmitForAsync(AppProcess app, int rate, TimeSpan duration)
    {
        using var load = new SubmissionLoad(app.BaseAddress);
        using var stop = new CancellationTokenSource(duration);
        await load.RunAsync(rate, stop.Token);
        await load.DrainAsync(TimeSpan.FromSeconds(30));
        return ([.. load.AcknowledgedMilliseconds], load.Sent.Count, load.Acknowledged.Count, load.Problems.Count + load.ServerErrors);
    }

    /// <summary>Connections that start a request and send one more header byte every few seconds, never finishing it.</summary>
    private sealed class SlowLoris(int port, int count)
    {
        private int _open;
        private int _reopened;

        public int Open => _open;

        public int Reopened => _reopened;

        /// <summary>Completes when every connection has sent its first line.</summary>
        public TaskCompletionSource Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task HoldAsync(CancellationToken stop)
        {
            var connections = Enumerable.Range(0, count).Select(_ => HoldOneAsync(stop)).ToList();
            await Task.WhenAll(connections);
        }

        private async Task HoldOneAsync(CancellationToken stop)
        {
            var first = true;
            while (!stop.IsCancellationRequested)
            {
                using var socket = new TcpClient();
                try
                {
                    await socket.ConnectAsync("127.0.0.1", port, stop);
                    var stream = socket.GetStream();
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /s/DEMO HTTP/1.1\r\nHost: 127.0.0.1\r\n"), stop);
                    if (first && Interlocked.Increment(ref _open) == count)
                    {
                        Opened.TrySetResult();
                    }
                    else if (!first)
                    {
                        Interlocked.Increment(ref _open);
                        Interlocked.Increment(ref _reopened);
                    }

                    first = false;
                    while (!stop.IsCancellationRequested)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(5), stop);
                        await stream.WriteAsync("X"u8.ToArray(), stop);
                    }
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
                {
                    // Kestrel dropped it (request headers took too long) or the check is over.
                }
                finally
                {
                    if (!first)
                    {
                        Interlocked.Decrement(ref _open);
                    }
                }
            }
        }
    }
}
