namespace Leerrijk.Web.Infrastructure.Pdf;

/// <summary>Registers PDF printing (<see cref="PdfPrinter"/>) and <see cref="ViewRenderer"/>.</summary>
public static class PdfSetup
{
    public static IServiceCollection AddLeerrijkPdf(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PdfOptions>()
            .Bind(configuration.GetSection(PdfOptions.Section))
            .Validate(o => o.TimeoutSeconds > 0, "Pdf:TimeoutSeconds must be more than 0.")
            .Validate(o => o.MaxConcurrent >= 1, "Pdf:MaxConcurrent must be at least 1.")
            .Validate(
                o => o.ResolvedTempDirectory.TrimEnd('/').Length <= PdfPrinter.MaxTempDirectoryLength,
                $"Pdf:TempDirectory (or TMPDIR) must be a path of at most {PdfPrinter.MaxTempDirectoryLength} characters: Chromium makes a Unix socket inside it.")
            .ValidateOnStart();
        services.AddSingleton<PdfPrinter>();
        services.AddScoped<ViewRenderer>();
        services.AddHostedService<PdfAvailabilityCheck>();
        return services;
    }
}

/// <summary>
/// Says once at start-up whether PDFs can be made, so a missing Chromium shows in the log before anyone asks for a PDF.
/// Start-up goes on either way: the report then points people to their browser's own print-to-PDF.
/// </summary>
internal sealed partial class PdfAvailabilityCheck(PdfPrinter printer, ILogger<PdfAvailabilityCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (printer.IsAvailable)
        {
            LogAvailable(printer.ChromiumPath);
        }
        else
        {
            LogMissing(printer.ChromiumPath);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "PDF downloads use Chromium at {Path}")]
    private partial void LogAvailable(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Chromium at {Path}: reports offer no PDF download, only the browser's own print. "
        + "Install Debian's package chromium or set Pdf__ChromiumPath or CHROMIUM_PATH.")]
    private partial void LogMissing(string path);
}
