using System.Collections;
using System.Data.Common;
using System.Globalization;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Erasure;
using Leerrijk.Web.Features.Norms;
using Leerrijk.Web.Features.Reports;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Erasure;

/// <summary>
/// The app with a clock the tests move on, and none of the background jobs that act on time or data by themselves
/// (retention, folding, norms): each test runs the job it is about.
/// </summary>
public sealed class ErasureApp : LeerrijkAppFactory
{
    public ShiftedClock Clock { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"{RetentionJobOptions.Section}:RunInBackground"] = "false",
        ["Programmes:RunInBackground"] = "false",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.Configure<StatisticsFolderOptions>(o => o.RunInBackground = false);
            services.Configure<NormRefresherOptions>(o => o.RunInBackground = false);
        });
    }

    public Task<RetentionRun> RunRetentionAsync() => Services.GetRequiredService<RetentionJob>().RunAsync();
}

/// <summary>Reads every table of the model, every column, and reports where any of the given ids still appears.</summary>
internal static class TableScan
{
    /// <summary>"Table.Column" for each value that holds one of <paramref name="ids"/> (as a uuid, or its text in any case or form).</summary>
    public static async Task<IReadOnlyList<string>> MentionsAsync(IServiceProvider services, params Guid[] ids)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var needles = ids.SelectMany(id => new[] { id.ToString("D"), id.ToString("N") }).ToList();
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        Assert.True(tables.Count > 40, $"only {tables.Count} tables found in the model");
        var hits = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var text = Text(reader, i);
                        if (text is not null && needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)))
                        {
                            hits.Add($"{table}.{reader.GetName(i)}");
                        }
                    }
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return hits.Distinct(StringComparer.Ordinal).ToList();
    }

    private static string? Text(DbDataReader reader, int i)
    {
        if (reader.IsDBNull(i))
        {
            return null;
        }

        return reader.GetValue(i) switch
        {
            byte[] bytes => Convert.ToHexString(bytes) + " " + (bytes.Length == 16 ? new Guid(bytes).ToString() : ""),
            string s => s,
            IEnumerable list => string.Join(",", list.Cast<object?>().Select(o => Convert.ToString(o, CultureInfo.InvariantCulture))),
            var value => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
    }
}
