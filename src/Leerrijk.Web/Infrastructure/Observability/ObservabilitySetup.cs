using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Leerrijk.Web.Infrastructure.Observability;

/// <summary>Where a host reads Leerrijk's metrics and sends its traces. Configurable under <c>Observability</c>.</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>Port of the Prometheus scrape endpoint (<c>/metrics</c>); unset means no endpoint. Kept off the public port on purpose.</summary>
    public int? MetricsPort { get; set; }

    /// <summary>Address the scrape endpoint listens on; loopback unless the host opens it to its Prometheus.</summary>
    public string MetricsHost { get; set; } = "127.0.0.1";

    /// <summary>OTLP endpoint for traces (for example http://collector:4317); unset means no traces are exported.</summary>
    public Uri? OtlpEndpoint { get; set; }
}

/// <summary>
/// Metrics a host watches (requests and errors, Leerrijk's own meters, the database pool), exposed for Prometheus on
/// an address the host chooses; traces by OTLP when configured; health split into live and ready.
/// </summary>
/// <remarks>
/// Features own their meters (named <c>Leerrijk.*</c>, made through IMeterFactory so two app instances in one
/// process keep separate figures); this setup only collects every meter by that prefix and knows none of them.
/// </remarks>
public static class ObservabilitySetup
{
    /// <summary>Prefix every feature's meter name starts with.</summary>
    public const string MeterPrefix = "Leerrijk.";

    private const string ReadyTag = "ready";

    public static IServiceCollection AddLeerrijkObservability(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>() ?? new ObservabilityOptions();
        services.AddSingleton(options);
        services.AddMetrics();

        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService("leerrijk"));
        if (options.MetricsPort is { } port)
        {
            telemetry.WithMetrics(metrics => metrics
                .AddMeter(MeterPrefix + "*")
                // Requests by route and status (errors are the 5xx), connections, rate-limit refusals.
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Diagnostics")
                // The PostgreSQL connection pool: connections in use, idle, waiting.
                .AddMeter("Npgsql")
                // The runtime's own: garbage collection, the thread pool's queue, JIT compilation (bench/submit.sh warms
                // up until the JIT is done, since a benchmark that includes it measures the first minute, not the day).
                .AddMeter("System.Runtime")
                .AddPrometheusHttpListener(listener =>
                {
                    listener.Host = options.MetricsHost;
                    listener.Port = port;
                    listener.ScrapeEndpointPath = "/metrics";
                }));
        }

        if (options.OtlpEndpoint is { } endpoint)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddSource("Npgsql")
                .AddOtlpExporter(o => o.Endpoint = endpoint));
        }

        return services;
    }

    /// <summary>Tags a health check as part of readiness (the database, for example), not of liveness.</summary>
    public static string[] Readiness => [ReadyTag];

    /// <summary>
    /// <c>/health/live</c>: the process answers (restart it when this fails); <c>/health/ready</c> and <c>/health</c>:
    /// it can serve, its database answers (take it out of the load balancer when this fails). Exempt from rate limits.
    /// </summary>
    public static IEndpointRouteBuilder MapLeerrijkHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).DisableRateLimiting();
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).DisableRateLimiting();
        return app;
    }
}
