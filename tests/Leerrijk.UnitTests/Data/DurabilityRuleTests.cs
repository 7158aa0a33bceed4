using Leerrijk.Web.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Leerrijk.UnitTests.Data;

/// <summary>Which database settings can lose an acknowledged answer, and when start-up refuses them.</summary>
public sealed class DurabilityRuleTests
{
    private static DurabilitySettings Postgres(string fsync = "on", string synchronousCommit = "on", string fullPageWrites = "on") =>
        new(DatabaseProvider.Postgres, new Dictionary<string, string>
        {
            ["fsync"] = fsync,
            ["synchronous_commit"] = synchronousCommit,
            ["full_page_writes"] = fullPageWrites,
        });

    private static DurabilitySettings Sqlite(string synchronous = "2", string journal = "wal") =>
        new(DatabaseProvider.Sqlite, new Dictionary<string, string> { ["synchronous"] = synchronous, ["journal_mode"] = journal });

    [Theory]
    [InlineData("on")]
    [InlineData("local")]
    [InlineData("remote_write")]
    [InlineData("remote_apply")]
    public void PostgreSQL_with_durable_commits_has_no_problem(string synchronousCommit) =>
        Assert.Empty(DurabilityRule.Problems(Postgres(synchronousCommit: synchronousCommit)));

    [Fact]
    public void Each_unsafe_PostgreSQL_setting_is_named()
    {
        Assert.Contains("fsync=off", Assert.Single(DurabilityRule.Problems(Postgres(fsync: "off"))), StringComparison.Ordinal);
        Assert.Contains("synchronous_commit=off", Assert.Single(DurabilityRule.Problems(Postgres(synchronousCommit: "off"))), StringComparison.Ordinal);
        Assert.Contains("full_page_writes=off", Assert.Single(DurabilityRule.Problems(Postgres(fullPageWrites: "off"))), StringComparison.Ordinal);
        Assert.Equal(3, DurabilityRule.Problems(Postgres("off", "off", "off")).Count);
    }

    [Theory]
    [InlineData("2", "wal", 0)]
    [InlineData("3", "wal", 0)]
    [InlineData("1", "wal", 1)]
    [InlineData("0", "wal", 1)]
    [InlineData("", "wal", 1)]
    [InlineData("2", "off", 1)]
    [InlineData("2", "memory", 1)]
    [InlineData("1", "memory", 2)]
    public void SQLite_needs_synchronous_full_and_a_journal(string synchronous, string journal, int problems) =>
        Assert.Equal(problems, DurabilityRule.Problems(Sqlite(synchronous, journal)).Count);

    [Theory]
    [InlineData("Production", null, true)]
    [InlineData("Production", "false", true)]
    [InlineData("Production", "true", false)]
    [InlineData("Development", null, false)]
    [InlineData("Testing", null, false)]
    public void Only_Production_refuses_and_only_until_the_operator_accepts_it(string environment, string? accepted, bool refuses)
    {
        var problems = DurabilityRule.Problems(Postgres(fsync: "off"));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [DurabilityRule.AcceptUnsafeKey] = accepted })
            .Build();

        Assert.Equal(refuses, DurabilityRule.Refuses(problems, new Environment(environment), configuration));
        Assert.False(DurabilityRule.Refuses(DurabilityRule.Problems(Postgres()), new Environment(environment), configuration));
    }

    [Fact]
    public void The_explanation_says_what_to_change_and_how_to_accept_it()
    {
        var text = DurabilityRule.Explain(DurabilityRule.Problems(Sqlite("1")));

        Assert.Contains("synchronous=1", text, StringComparison.Ordinal);
        Assert.Contains(DurabilityRule.AcceptUnsafeKey, text, StringComparison.Ordinal);
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Leerrijk";

        public string ContentRootPath { get; set; } = "/";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
