namespace Leerrijk.Web.Features.Reports;

/// <summary>Registers the round reports: queries, exports, the statistics fold, and the report API.</summary>
public static class ReportsSetup
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddScoped<ReportQueries>();
        services.AddScoped<ReportExports>();
        services.AddScoped<CompanyScores>();
        services.AddSingleton<StatisticsFolderMetrics>();
        services.AddSingleton<StatisticsFolder>();
        services.AddHostedService(sp => sp.GetRequiredService<StatisticsFolder>());
        return services;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app) => app.MapReportsApi();
}
