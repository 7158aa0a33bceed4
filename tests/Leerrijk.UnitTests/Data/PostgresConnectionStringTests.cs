using Leerrijk.Web.Data;
using Npgsql;

namespace Leerrijk.UnitTests.Data;

/// <summary>What the app makes of the PostgreSQL connection string an operator configures, a failover cluster's included.</summary>
public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void Several_hosts_go_to_the_primary_when_the_operator_named_no_target()
    {
        var result = new NpgsqlConnectionStringBuilder(DatabaseSetup.PostgresConnectionString(
            "Host=127.0.0.1:5501,127.0.0.1:5502;Username=leerrijk;Database=leerrijk"));

        Assert.Equal("127.0.0.1:5501,127.0.0.1:5502", result.Host);
        Assert.Equal("primary", result.TargetSessionAttributes);
        Assert.Equal(64, result.MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Target Session Attributes=prefer-standby")]
    [InlineData("TargetSessionAttributes=read-write")]
    public void Several_hosts_keep_the_target_the_operator_chose(string target)
    {
        var result = new NpgsqlConnectionStringBuilder(DatabaseSetup.PostgresConnectionString(
            $"Host=db1,db2:5433,db3;Port=5432;Username=leerrijk;{target}"));

        Assert.Equal("db1,db2:5433,db3", result.Host);
        Assert.Equal(5432, result.Port);
        Assert.Equal(new NpgsqlConnectionStringBuilder(target).TargetSessionAttributes, result.TargetSessionAttributes);
    }

    [Fact]
    public void One_host_gets_no_target()
    {
        var result = new NpgsqlConnectionStringBuilder(DatabaseSetup.PostgresConnectionString("Host=127.0.0.1;Port=5501;Username=leerrijk"));

        Assert.Equal("127.0.0.1", result.Host);
        Assert.Null(result.TargetSessionAttributes);
    }
}
