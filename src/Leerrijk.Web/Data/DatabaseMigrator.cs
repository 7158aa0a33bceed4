using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Data;

/// <summary>
/// Brings the database up to date before the app serves a request: applies the provider's migrations,
/// makes sure the platform roles exist and, where configured, seeds the demo organisation.
/// </summary>
/// <remarks>Hosted services start before Kestrel accepts connections, so no request sees an old schema.</remarks>
public sealed partial class DatabaseMigrator(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment, ILogger<DatabaseMigrator> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var provider = DatabaseSetup.ProviderFor(configuration);

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        LogMigrating(provider, pending.Count, string.Join(", ", pending));
        await db.Database.MigrateAsync(cancellationToken);

        if (provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers continue while a respondent's answers are written; it is stored in the file itself.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        var problems = DurabilityRule.Problems(await DurabilitySettings.ReadAsync(db, cancellationToken));
        if (DurabilityRule.Refuses(problems, environment, configuration))
        {
            throw new InvalidOperationException(DurabilityRule.Explain(problems));
        }

        if (problems.Count > 0)
        {
            LogUnsafeDurability(DurabilityRule.Explain(problems));
        }

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in PlatformRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }
        }

        LogMigrated(provider);

        if (configuration.GetValue("Demo:Seed", environment.IsDevelopment()))
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Provider}: applying {Count} migration(s) {Migrations}")]
    private partial void LogMigrating(DatabaseProvider provider, int count, string migrations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Explanation}")]
    private partial void LogUnsafeDurability(string explanation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Provider} is up to date")]
    private partial void LogMigrated(DatabaseProvider provider);
}
