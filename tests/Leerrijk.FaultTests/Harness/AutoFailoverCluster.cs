using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Leerrijk.FaultTests.Harness;

/// <summary>
/// A pg_auto_failover formation of its own under /tmp: a monitor, a primary and a synchronous secondary on 127.0.0.1,
/// each node's <c>pg_autoctl run</c> a child process in a process group of its own, so a test can kill a node the way
/// a lost machine goes (kill -9 of its keeper and its PostgreSQL together) and the end of the test leaves nothing behind.
/// </summary>
public sealed class AutoFailoverCluster : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private readonly string _bin;
    private readonly string _autoctl;
    private readonly string _dir;
    private readonly List<Node> _all = [];

    private AutoFailoverCluster(string bin, string autoctl, string dir, FailoverTimeouts timeouts)
    {
        _bin = bin;
        _autoctl = autoctl;
        _dir = dir;
        Timeouts = timeouts;
    }

    /// <summary>The database the nodes create for the app; it replicates with everything else.</summary>
    public const string DatabaseName = "leerrijk";

    public FailoverTimeouts Timeouts { get; }

    public Node Monitor { get; private set; } = null!;

    /// <summary>The data nodes, in the order of the connection string's hosts.</summary>
    public IReadOnlyList<Node> Nodes => _all.Where(n => n != Monitor).ToList();

    /// <summary><c>pg_autoctl</c> when it and its PostgreSQL extension are installed for the newest PostgreSQL, else null.</summary>
    public static string? FindAutoctl()
    {
        var bin = PostgresServer.FindBin();
        var autoctl = new[] { "/usr/bin/pg_autoctl", bin is null ? "" : Path.Combine(bin, "pg_autoctl") }.FirstOrDefault(File.Exists);
        return bin is not null && autoctl is not null && File.Exists(Path.Combine(Path.GetDirectoryName(bin)!, "lib", "pgautofailover.so")) ? autoctl : null;
    }

    /// <summary>Creates and runs the monitor, then a primary and a secondary, and waits until the monitor sees them as such.</summary>
    public static async Task<AutoFailoverCluster> StartNewAsync(FailoverTimeouts timeouts)
    {
        var autoctl = FindAutoctl() ?? throw new InvalidOperationException("pg_auto_failover is not installed (package postgresql-15-auto-failover).");
        var dir = Directory.CreateTempSubdirectory("leerrijk-faults-ha.").FullName;
        if (Shell.IsRoot)
        {
            await Shell.RunAsync("chown", ["postgres", dir], Limit);
        }

        var cluster = new AutoFailoverCluster(PostgresServer.FindBin()!, autoctl, dir, timeouts);
        try
        {
            await cluster.CreateMonitorAsync();
            await cluster.CreateNodeAsync("node1");
            await cluster.WaitForAsync(s => s.Count == 1 && s[0].Current == "single", "node1 single");
            await cluster.CreateNodeAsync("node2");
            await cluster.WaitForAsync(s => s.Count(n => n.Current == "primary") == 1 && s.Count(n => n.Current == "secondary") == 1, "a primary and a secondary");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// What the app is given: every data node, and Npgsql told to use the primary (DatabaseSetup adds that by itself
    /// for several hosts; it is written out here as README shows it).
    /// </summary>
    public string ConnectionString(bool pooled) => new NpgsqlConnectionStringBuilder
    {
        Host = string.Join(',', Nodes.Select(n => $"127.0.0.1:{n.Port.ToString(CultureInfo.InvariantCulture)}")),
        Username = "postgres",
        Database = DatabaseName,
        Pooling = pooled,
        TargetSessionAttributes = "primary",
    }.ConnectionString;

    /// <summary>The monitor's view of the formation, as <c>pg_autoctl show state</c> prints it (the same function behind it).</summary>
    public async Task<IReadOnlyList<NodeState>> StateAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Monitor.Port,
            Username = "autoctl_node",
            Database = "pg_auto_failover",
            Pooling = false,
            Timeout = 5,
        }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT nodename, current_group_state::text, assigned_group_state::text FROM pgautofailover.current_state('default') ORDER BY node_id", connection);
        var states = new List<NodeState>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            states.Add(new NodeState(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return states;
    }

    /// <summary>Polls the monitor until the condition holds; returns the state that met it and when it was seen (Stopwatch ticks).</summary>
    public async Task<(IReadOnlyList<NodeState> State, long Ticks)> WaitForAsync(Func<IReadOnlyList<NodeState>, bool> condition, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var last = (IReadOnlyList<NodeState>)[];
        while (clock.Elapsed < (timeout ?? Limit))
        {
            try
            {
                last = await StateAsync();
                if (condition(last))
                {
                    return (last, Stopwatch.GetTimestamp());
                }
            }
            catch (NpgsqlException)
            {
                // The monitor is still starting.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"pg_auto_failover did not reach '{what}' within {(timeout ?? Limit).TotalSeconds} s; last state: {string.Join(", ", last)}. Logs in {_dir}.");
    }

    /// <summary>The data node the monitor currently has as primary (or wait_primary), if any.</summary>
    public async Task<Node?> PrimaryAsync()
    {
        var state = await StateAsync();
        var name = state.FirstOrDefault(s => s.Current is "primary" or "wait_primary" && s.Assigned is "primary" or "wait_primary")?.Name;
        return Nodes.FirstOrDefault(n => n.Name == name);
    }

    private async Task CreateMonitorAsync()
    {
        var monitor = new Node(this, "monitor", Shell.FreePort());
        await AutoctlAsync(monitor, "create", "monitor", "--pgdata", monitor.PgData, "--pgport", monitor.PortText, "--hostname", "127.0.0.1", "--auth", "trust", "--no-ssl", "--pgctl", Path.Combine(_bin, "pg_ctl"));
        await AutoctlAsync(monitor, "config", "set", "--pgdata", monitor.PgData, "postgresql.listen_addresses", "127.0.0.1");
        // How fast the monitor declares a node dead and stops waiting for an unreachable primary to step down itself.
        // Appended after pg_auto_failover's own include, so these win; FailoverTimeouts says what each one means.
        await File.AppendAllTextAsync(Path.Combine(monitor.PgData, "postgresql.conf"), Timeouts.MonitorSettings());
        Monitor = monitor;
        _all.Add(monitor);
        monitor.Run();
        await WaitForAsync(_ => true, "monitor answering");
    }

    private async Task CreateNodeAsync(string name)
    {
        var node = new Node(this, name, Shell.FreePort());
        var monitorUri = $"postgres://autoctl_node@127.0.0.1:{Monitor.PortText}/pg_auto_failover?sslmode=disable";
        await AutoctlAsync(
            node, "create", "postgres", "--pgdata", node.PgData, "--pgport", node.PortText, "--pghost", "127.0.0.1", "--listen", "127.0.0.1",
            "--hostname", "127.0.0.1", "--name", name, "--monitor", monitorUri, "--auth", "trust", "--no-ssl",
            "--pgctl", Path.Combine(_bin, "pg_ctl"), "--dbname", DatabaseName, "--username", "postgres");
        await AutoctlAsync(node, "config", "set", "--pgdata", node.PgData, "timeout.network_partition_timeout", Timeouts.NetworkPartitionSeconds.ToString(CultureInfo.InvariantCulture));
        // The durable settings production uses (they are PostgreSQL's defaults; the app refuses to start without them),
        // and room for the app's pool beside the keepers. A secondary copies the primary's file with its base backup.
        if (_all.Count == 1)
        {
            await File.AppendAllTextAsync(Path.Combine(node.PgData, "postgresql.conf"), "\nfsync = on\nsynchronous_commit = on\nfull_page_writes = on\nmax_connections = 300\n");
        }
        _all.Add(node);
        node.Run();
    }

    private Task<string> AutoctlAsync(Node node, params string[] arguments) =>
        Shell.AsPostgresAsync("env", [.. node.Environment, _autoctl, .. arguments], Limit);

    public async ValueTask DisposeAsync()
    {
        // Data nodes first, so their keepers do not fail over on the monitor's way out; then the monitor.
        foreach (var node in _all.Where(n => n != Monitor).Append(Monitor).OfType<Node>())
        {
            node.Kill();
        }

        var logs = Directory.CreateDirectory(Path.Combine(Paths.Output, "logs")).FullName;
        foreach (var node in _all)
        {
            foreach (var log in Directory.GetFiles(node.Dir, "run-*.log"))
            {
                File.Copy(log, Path.Combine(logs, $"ha-{node.Name}-{Path.GetFileNameWithoutExtension(log)}-{DateTime.UtcNow:HHmmss}.log"), overwrite: true);
            }
        }

        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>One pg_auto_failover node: its data directory, its port and its running <c>pg_autoctl run</c>.</summary>
    public sealed class Node
    {
        private readonly AutoFailoverCluster _cluster;
        private Process? _run;
        private int _runs;

        internal Node(AutoFailoverCluster cluster, string name, int port)
        {
            _cluster = cluster;
            Name = name;
            Port = port;
            Dir = Path.Combine(cluster._dir, name);
            Directory.CreateDirectory(Dir);
            if (Shell.IsRoot)
            {
                Shell.RunAsync("chown", ["postgres", Dir], Limit).GetAwaiter().GetResult();
            }
        }

        public string Name { get; }

        public int Port { get; }

        internal string PortText => Port.ToString(CultureInfo.InvariantCulture);

        internal string Dir { get; }

        internal string PgData => Path.Combine(Dir, "pgdata");

        public bool IsRunning => _run is { HasExited: false };

        /// <summary>pg_autoctl keeps its configuration and state under XDG folders: each node gets its own, inside the test's folder.</summary>
        internal string[] Environment =>
        [
            $"XDG_CONFIG_HOME={Path.Combine(Dir, "config")}",
            $"XDG_DATA_HOME={Path.Combine(Dir, "share")}",
            $"XDG_RUNTIME_DIR={Path.Combine(Dir, "run")}",
        ];

        /// <summary>
        /// Starts <c>pg_autoctl run</c> (keeper and PostgreSQL) under setsid, so the child is the leader of a new
        /// process group that holds the keeper, its services and PostgreSQL, and one signal to the group ends them all.
        /// </summary>
        public void Run()
        {
            var log = Path.Combine(Dir, $"run-{++_runs}.log");
            var info = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in (string[])[.. Shell.IsRoot ? ["runuser", "-u", "postgres", "--"] : Array.Empty<string>(), "env", .. Environment, _cluster._autoctl, "run", "--pgdata", PgData])
            {
                info.ArgumentList.Add(argument);
            }

            var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start pg_autoctl run.");
            var gate = new Lock();
            void Write(string? line)
            {
                if (line is not null)
                {
                    lock (gate)
                    {
                        File.AppendAllText(log, line + "\n");
                    }
                }
            }

            process.OutputDataReceived += (_, e) => Write(e.Data);
            process.ErrorDataReceived += (_, e) => Write(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _run = process;
        }

        /// <summary>kill -9 of the node's whole process group: keeper and PostgreSQL go at once, as when its machine is lost.</summary>
        public void Kill()
        {
            if (_run is not { } run)
            {
                return;
            }

            if (!run.HasExited)
            {
                // setsid made the child the leader of its own group, so its id is the group's; checked, because a signal
                // to the wrong group could reach the test itself. Otherwise the tree as .NET finds it.
                if (ProcessGroup(run.Id) == run.Id)
                {
                    var group = "-" + run.Id.ToString(CultureInfo.InvariantCulture);
                    Shell.RunAsync("kill", ["-KILL", "--", group], TimeSpan.FromSeconds(10), check: false).GetAwaiter().GetResult();
                    // PostgreSQL puts each of its children in a group of its own. They normally end when they see the
                    // postmaster gone, but the monitor's health-check worker does not (and keeps the logger alive with
                    // it), so whatever still runs in this node's data directory goes too.
                    if (WorkingIn(PgData).Select(pid => pid.ToString(CultureInfo.InvariantCulture)).ToArray() is { Length: > 0 } left)
                    {
                        Shell.RunAsync("kill", ["-KILL", .. left], TimeSpan.FromSeconds(10), check: false).GetAwaiter().GetResult();
                    }

                    // Until every one is gone: a restart on the same data directory, or removing it, must not race
                    // the old PostgreSQL's last moments.
                    var clock = Stopwatch.StartNew();
                    while (clock.Elapsed < TimeSpan.FromSeconds(10) && (GroupMembers(run.Id).Any() || WorkingIn(PgData).Any()))
                    {
                        Thread.Sleep(50);
                    }
                }
                else
                {
                    run.Kill(entireProcessTree: true);
                }

                run.WaitForExit();
            }

            run.Dispose();
            _run = null;
        }

        public override string ToString() => $"{Name} (127.0.0.1:{PortText})";

        private static IEnumerable<int> GroupMembers(int group) => Processes().Where(pid => ProcessGroup(pid) == group);

        /// <summary>Processes whose working directory is <paramref name="directory"/> (PostgreSQL's run in their data directory).</summary>
        private static IEnumerable<int> WorkingIn(string directory) =>
            Processes().Where(pid => WorkingDirectory(pid) is { } cwd && (cwd == directory || cwd == directory + " (deleted)"));

        /// <summary>The ids of every process running now, from /proc.</summary>
        private static IEnumerable<int> Processes() =>
            Directory.EnumerateDirectories("/proc")
                .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
                .Where(pid => pid > 0);

        private static string? WorkingDirectory(int pid)
        {
            try
            {
                return new FileInfo($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cwd").LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>The process group of a process (field 5 of /proc/PID/stat, after the parenthesised command name).</summary>
        private static int? ProcessGroup(int pid)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return int.Parse(fields[2], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}

/// <summary>One line of <c>pg_autoctl show state</c>: a node, the state it reports and the state the monitor assigned it.</summary>
public sealed record NodeState(string Name, string Current, string Assigned)
{
    public override string ToString() => $"{Name} {Current}→{Assigned}";
}

/// <summary>
/// The monitor's failure detection and the keepers' own partition timeout. pg_auto_failover's defaults take about 50 s
/// from a lost primary to a promotion (a node is unhealthy after 20 s, then the monitor waits 30 s for the old primary
/// to demote itself); a short check uses shorter ones, keeping the keeper's partition timeout below the monitor's wait
/// for a demotion, the order that makes a cut-off primary stop taking writes before its standby is promoted.
/// </summary>
public sealed record FailoverTimeouts(int HealthCheckPeriodMs, int UnhealthyMs, int PrimaryDemoteMs, int NetworkPartitionSeconds)
{
    public static FailoverTimeouts Defaults { get; } = new(5000, 20000, 30000, 20);

    public static FailoverTimeouts Short { get; } = new(1000, 5000, 10000, 5);

    internal string MonitorSettings() => string.Create(CultureInfo.InvariantCulture, $"""

        pgautofailover.health_check_period = {HealthCheckPeriodMs}
        pgautofailover.health_check_timeout = {Math.Min(HealthCheckPeriodMs, 5000)}
        pgautofailover.health_check_retry_delay = {Math.Min(HealthCheckPeriodMs, 2000)}
        pgautofailover.node_considered_unhealthy_timeout = {UnhealthyMs}
        pgautofailover.primary_demote_timeout = {PrimaryDemoteMs}

        """);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"health check every {HealthCheckPeriodMs} ms, unhealthy after {UnhealthyMs} ms, demotion wait {PrimaryDemoteMs} ms, keeper partition timeout {NetworkPartitionSeconds} s");
}
