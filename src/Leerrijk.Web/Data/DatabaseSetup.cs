using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Data;

/// <summary>Which database Leerrijk runs on, decided once from configuration.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Chooses the provider: PostgreSQL when <c>ConnectionStrings:Postgres</c> is set, otherwise an SQLite file under data/.</summary>
public static class DatabaseSetup
{
    public static DatabaseProvider ProviderFor(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres")) ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    public static string SqliteConnectionString(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration.GetConnectionString("Sqlite");
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? $"Data Source={Path.Combine(contentRoot, "data", "leerrijk.db")}" : configured);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.Mode != SqliteOpenMode.Memory)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        builder.Pooling = true;
        return builder.ToString();
    }

    /// <summary>
    /// Adds pooling settings that suit Leerrijk unless the operator set them: statements prepared once per connection
    /// (a submission sends the same inserts every time), no DISCARD ALL when a pooled connection is returned,
    /// since Leerrijk keeps no session state on connections, and no query JIT. Measured in bench/README.md. Several
    /// hosts (a failover cluster) keep their order and target session attributes; the primary is the default target.
    /// </summary>
    public static string PostgresConnectionString(string configured)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        if (!configured.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase) && !configured.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!configured.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase) && !configured.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        // PostgreSQL's JIT misjudges the few rows a report reads from large tables and spends milliseconds
        // compiling; Leerrijk's queries are small, so it is switched off for the app's sessions (bench/README.md).
        if (string.IsNullOrEmpty(builder.Options))
        {
            builder.Options = "-c jit=off";
        }

        // Several hosts are a cluster with one primary and standbys (README, "Running on a PostgreSQL cluster").
        // Without target session attributes Npgsql takes the first host that answers, and a standby answers too:
        // every submission would then fail read-only. Leerrijk writes on almost every request, so it goes to the primary
        // unless the operator chose otherwise. "primary" rather than "read-write": pg_auto_failover promotes a standby
        // read-only for a moment first, and Npgsql then already holds connections that write the instant it opens up
        // (the 25006 errors of that moment are a 503, DatabaseOutage); "read-write" would wait for its next host check.
        if (builder.Host?.Contains(',', StringComparison.Ordinal) == true && string.IsNullOrEmpty(builder.TargetSessionAttributes))
        {
            builder.TargetSessionAttributes = "primary";
        }

        return builder.ConnectionString;
    }

    public static IServiceCollection AddLeerrijkDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TimestampInterceptor>();
        services.AddScoped<TenantContext>();
        services.AddSingleton(new WriterQueue(oneWriterAtATime: ProviderFor(configuration) == DatabaseProvider.Sqlite));

        // Contexts come from a pool: a new DbContext builds its own set of EF Core's internal services, and in the
        // submission path's profile that was a fifth of the app's CPU per request (bench/README.md, "A pool of
        // contexts"). The options are therefore built once, from configuration and singletons only. A leased context
        // is tied to the scope's tenant before anyone sees it and forgets it when it goes back (ADR 0029).
        if (ProviderFor(configuration) == DatabaseProvider.Postgres)
        {
            var connectionString = PostgresConnectionString(configuration.GetConnectionString("Postgres")!);
            services.AddPooledDbContextFactory<PostgresLeerrijkDbContext>((sp, options) => options
                .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(
                    // A few quick tries ride out a pooled connection broken by a database restart; a database that
                    // stays away then yields 503 "try again" within seconds rather than after EF's default minute.
                    maxRetryCount: 3, maxRetryDelay: TimeSpan.FromSeconds(2), errorCodesToAdd: DatabaseOutage.PostgresRetryCodes))
                .AddInterceptors(sp.GetRequiredService<TimestampInterceptor>()));
            services.AddScoped<LeerrijkDbContext>(Lease<PostgresLeerrijkDbContext>);
        }
        else
        {
            var connectionString = SqliteConnectionString(configuration, contentRoot);
            services.AddPooledDbContextFactory<SqliteLeerrijkDbContext>((sp, options) => options
                .UseSqlite(connectionString)
                .AddInterceptors(new SqlitePragmaInterceptor(), sp.GetRequiredService<TimestampInterceptor>()));
            services.AddScoped<LeerrijkDbContext>(Lease<SqliteLeerrijkDbContext>);
        }

        services.AddHostedService<DatabaseMigrator>();
        services.AddHealthChecks().AddDbContextCheck<LeerrijkDbContext>("database", tags: Infrastructure.Observability.ObservabilitySetup.Readiness);
        return services;
    }

    /// <summary>
    /// The scope's context: leased from the pool and tied to the scope's tenant. The scope disposes it at its end, which
    /// returns it to the pool.
    /// </summary>
    private static TContext Lease<TContext>(IServiceProvider services)
        where TContext : LeerrijkDbContext
    {
        var context = services.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
        context.WorkFor(services.GetRequiredService<TenantContext>());
        return context;
    }
}
