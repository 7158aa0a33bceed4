namespace Leerrijk.Web.Infrastructure.Pdf;

/// <summary>
/// No PDF could be made. Catch this one type to fall back to the browser's own print-to-PDF; the subclasses say why
/// when the message to the person should differ.
/// </summary>
public class PdfPrintException : Exception
{
    public PdfPrintException(string message)
        : base(message)
    {
    }

    public PdfPrintException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>This installation has no usable Chromium, so it cannot print PDFs at all (see <see cref="PdfPrinter.IsAvailable"/>).</summary>
public sealed class PdfUnavailableException : PdfPrintException
{
    public PdfUnavailableException(string chromiumPath, Exception? innerException = null)
        : base($"PDF printing is not available: no usable Chromium at {chromiumPath}. Install Debian's package "
            + "(apt-get install chromium) or set Pdf:ChromiumPath or CHROMIUM_PATH.", innerException)
    {
        ChromiumPath = chromiumPath;
    }

    public string ChromiumPath { get; }
}

/// <summary>The print did not finish within <see cref="PdfOptions.TimeoutSeconds"/>, waiting for a free slot included; Chromium was stopped.</summary>
public sealed class PdfTimeoutException : PdfPrintException
{
    public PdfTimeoutException(TimeSpan timeout)
        : base(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"The PDF was not ready within {timeout.TotalSeconds:0.###} s (Pdf:TimeoutSeconds), waiting for a free slot included; Chromium was stopped."))
    {
        Timeout = timeout;
    }

    public TimeSpan Timeout { get; }
}
