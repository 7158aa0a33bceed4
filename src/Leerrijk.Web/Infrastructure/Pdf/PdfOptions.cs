namespace Leerrijk.Web.Infrastructure.Pdf;

/// <summary>Settings for <see cref="PdfPrinter"/>, bound from the "Pdf" section.</summary>
public sealed class PdfOptions
{
    public const string Section = "Pdf";

    public const string DefaultChromiumPathOnDebian = "/usr/bin/chromium";

    /// <summary>
    /// The Chromium executable. Empty means CHROMIUM_PATH, else Debian's /usr/bin/chromium, the same rule the
    /// browser tests and scripts/test.sh follow, so one variable points every part of the project at one browser.
    /// </summary>
    public string ChromiumPath { get; set; } = "";

    /// <summary>
    /// The longest one print may take, waiting for a free slot included, so a page that asks for a PDF never hangs
    /// longer than this. Fractions are allowed (tests use a millisecond).
    /// </summary>
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>How many Chromium processes may run at once; each takes about 150 MB.</summary>
    public int MaxConcurrent { get; set; } = 2;

    /// <summary>Where the private per-print directories are made; empty means the system's temp directory.</summary>
    public string TempDirectory { get; set; } = "";

    public string ResolvedChromiumPath =>
        !string.IsNullOrWhiteSpace(ChromiumPath) ? ChromiumPath
        : Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } fromEnvironment ? fromEnvironment
        : DefaultChromiumPathOnDebian;

    public string ResolvedTempDirectory => string.IsNullOrWhiteSpace(TempDirectory) ? Path.GetTempPath() : TempDirectory;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}
