using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Leerrijk.Web.Infrastructure.Pdf;

/// <summary>
/// Turns one complete, self-contained HTML document into PDF bytes with headless Chromium's print-to-PDF
/// (ADR 0007). Paper size and margins come from the document's own <c>@page</c> rule.
/// </summary>
/// <remarks>
/// Each print runs its own Chromium in a private temporary directory that is removed afterwards, with no network,
/// at most <see cref="PdfOptions.MaxConcurrent"/> at a time and within <see cref="PdfOptions.TimeoutSeconds"/>.
/// </remarks>
public sealed partial class PdfPrinter : IDisposable
{
    /// <summary>
    /// Added to every document as the first element of its head. Nothing may be fetched: styles and images must be
    /// inline (data: URLs for images and fonts). Multiple policies all apply, so a caller's own policy can only
    /// tighten this one, never loosen it.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// The longest <see cref="PdfOptions.TempDirectory"/>: Chromium makes its singleton socket at
    /// TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket, TMPDIR is our work directory (root + "/lrpdf-" and 16 hex
    /// digits), and a Unix socket path has at most 107 bytes.
    /// </summary>
    public const int MaxTempDirectoryLength = 107 - 45 - 23;

    private const string WorkDirectoryPrefix = "lrpdf-";

    private const int StderrTailChars = 2000;

    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    private readonly PdfOptions _options;
    private readonly ILogger<PdfPrinter> _logger;
    private readonly SemaphoreSlim _slots;
    private int _running;
    private int _peak;

    public PdfPrinter(IOptions<PdfOptions> options, ILogger<PdfPrinter> logger)
    {
        _options = options.Value;
        _logger = logger;
        _slots = new SemaphoreSlim(_options.MaxConcurrent, _options.MaxConcurrent);
    }

    /// <summary>
    /// The most Chromium processes this printer has had running at once since it was made: the printer's own count,
    /// so the limit of <see cref="PdfOptions.MaxConcurrent"/> can be checked without sampling the process list.
    /// </summary>
    public int PeakConcurrentPrints => Volatile.Read(ref _peak);

    /// <summary>The Chromium executable this printer runs.</summary>
    public string ChromiumPath => _options.ResolvedChromiumPath;

    /// <summary>
    /// Whether Chromium is installed where configured. Checked on every call (one stat), so installing Chromium
    /// takes effect without a restart. When false, show the browser's own print-to-PDF instead of a download.
    /// </summary>
    public bool IsAvailable => IsExecutableFile(ChromiumPath);

    /// <summary>Prints <paramref name="html"/> (a whole document, UTF-8, everything inline) and returns the PDF.</summary>
    /// <exception cref="PdfUnavailableException">There is no usable Chromium.</exception>
    /// <exception cref="PdfTimeoutException">It took longer than the configured timeout; Chromium was stopped.</exception>
    /// <exception cref="PdfPrintException">Chromium failed or wrote no PDF.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; Chromium was stopped.</exception>
    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(html);
        var chromium = ChromiumPath;
        if (!IsExecutableFile(chromium))
        {
            throw new PdfUnavailableException(chromium);
        }

        // One deadline for queueing and printing together: the person waiting on the page cares about the total.
        using var timeout = new CancellationTokenSource(_options.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await _slots.WaitAsync(linked.Token);
            try
            {
                return await PrintInPrivateDirectoryAsync(chromium, html, linked.Token);
            }
            finally
            {
                _slots.Release();
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogTimedOut(_options.TimeoutSeconds);
            throw new PdfTimeoutException(_options.Timeout);
        }
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>
    /// Puts our Content-Security-Policy first in the document's head: after <c>&lt;head&gt;</c> when there is one,
    /// else after the doctype (the parser then makes the head around it), so it applies before anything could load.
    /// </summary>
    public static string WithContentSecurityPolicy(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var meta = $"<meta http-equiv=\"Content-Security-Policy\" content=\"{ContentSecurityPolicy}\">";
        var head = HeadStartTag().Match(html);
        if (head.Success)
        {
            return html.Insert(head.Index + head.Length, meta);
        }

        var doctype = Doctype().Match(html);
        return html.Insert(doctype.Success ? doctype.Index + doctype.Length : 0, meta);
    }

    private async Task<byte[]> PrintInPrivateDirectoryAsync(string chromium, string html, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var work = CreatePrivateDirectory(_options.ResolvedTempDirectory);
        try
        {
            var input = Path.Combine(work, "document.html");
            var output = Path.Combine(work, "document.pdf");
            var home = Directory.CreateDirectory(Path.Combine(work, "home")).FullName;

            // A BOM makes UTF-8 win over any guess, so é and ë survive even in a document without <meta charset>.
            await File.WriteAllTextAsync(input, WithContentSecurityPolicy(html), Utf8WithBom, cancellationToken);
            var running = Interlocked.Increment(ref _running);
            try
            {
                RecordPeak(running);
                await RunChromiumAsync(chromium, work, home, Arguments(Path.Combine(work, "profile"), output, input), cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }

            if (!File.Exists(output))
            {
                throw new PdfPrintException("Chromium finished without writing a PDF.");
            }

            var pdf = await File.ReadAllBytesAsync(output, cancellationToken);
            if (!pdf.AsSpan().StartsWith("%PDF-"u8))
            {
                throw new PdfPrintException("Chromium wrote a file that is not a PDF.");
            }

            LogPrinted(pdf.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return pdf;
        }
        finally
        {
            await DeleteDirectoryAsync(work);
        }
    }

    private void RecordPeak(int running)
    {
        int peak;
        while (running > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, running, peak) != peak)
        {
            // Another print raised the peak meanwhile; compare again.
        }
    }

    private static List<string> Arguments(string profile, string output, string input) =>
    [
        "--headless",
        // Chromium's sandbox needs user namespaces or a setuid helper, which containers running as root lack.
        // The document is always our own rendered HTML and has no network (ADR 0007).
        "--no-sandbox",
        "--disable-gpu",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        // Without this Chromium prints the date, title, URL and page numbers around every page.
        "--no-pdf-header-footer",
        // The second lock on the network, behind the CSP: no host name or IP address resolves, so even a navigation
        // (a meta refresh, which CSP does not stop) cannot reach anything.
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--user-data-dir=" + profile,
        "--print-to-pdf=" + output,
        new Uri(input).AbsoluteUri,
    ];

    private async Task RunChromiumAsync(string chromium, string work, string home, List<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(chromium)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = work,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Chromium and Debian's wrapper write crash reports, caches and dconf files under HOME and XDG: keep them in
        // the private directory, so they are removed with it and never land in the service account's home.
        start.Environment["HOME"] = home;
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(home, ".cache");
        // TMPDIR too: Chromium's singleton socket directory would otherwise outlive a killed print in /tmp.
        start.Environment["TMPDIR"] = work;

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new PdfUnavailableException(chromium, ex);
        }

        // Both pipes must be drained or Chromium blocks once one fills; only the tail of stderr is worth keeping.
        var stderr = ReadTailAsync(process.StandardError);
        _ = ReadTailAsync(process.StandardOutput);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process);
            throw;
        }

        if (process.ExitCode != 0)
        {
            var tail = await TailOrEmptyAsync(stderr);
            throw new PdfPrintException(string.Create(CultureInfo.InvariantCulture,
                $"Chromium stopped with exit code {process.ExitCode}. Its last output: {tail}"));
        }
    }

    /// <summary>Kills the browser and every renderer, GPU and utility process under it, and reaps the browser.</summary>
    private async Task StopAsync(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
        catch (Exception ex) when (ex is AggregateException or Win32Exception)
        {
            // Some process of the tree could not be killed (it may have ended meanwhile); the browser is reaped below.
            LogKillFailed(process.Id, ex);
        }

        try
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(StopGrace, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            LogNotStopped(process.Id);
        }
    }

    /// <summary>Children of a dead browser could keep its pipe open, so its output is waited for only briefly.</summary>
    private static async Task<string> TailOrEmptyAsync(Task<string> tail)
    {
        try
        {
            return await tail.WaitAsync(StopGrace, CancellationToken.None);
        }
        catch (Exception ex) when (ex is TimeoutException or IOException or ObjectDisposedException)
        {
            return "";
        }
    }

    private static async Task<string> ReadTailAsync(StreamReader reader)
    {
        var buffer = new char[4096];
        var tail = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer, CancellationToken.None)) > 0)
        {
            tail.Append(buffer, 0, read);
            if (tail.Length > 2 * StderrTailChars)
            {
                tail.Remove(0, tail.Length - StderrTailChars);
            }
        }

        return tail.Length > StderrTailChars ? tail.ToString(tail.Length - StderrTailChars, StderrTailChars) : tail.ToString();
    }

    /// <summary>
    /// A new directory only this process's user can enter: the HTML may hold a company's survey results. The name is
    /// 64 random bits, so nobody can create it first; it is short because Chromium puts a Unix socket inside.
    /// </summary>
    private static string CreatePrivateDirectory(string root)
    {
        var path = Path.Combine(root, WorkDirectoryPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>Removes the print's directory; retried briefly because a killed Chromium's children may still be closing files in it.</summary>
    private async Task DeleteDirectoryAsync(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (attempt == 5)
                {
                    LogNotDeleted(path, ex);
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), CancellationToken.None);
            }
        }
    }

    private static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }

    [GeneratedRegex(@"<head(?=[\s>/])[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeadStartTag();

    [GeneratedRegex(@"^\s*<!doctype[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Doctype();

    [LoggerMessage(Level = LogLevel.Information, Message = "PDF printed: {Bytes} bytes in {Milliseconds:0} ms")]
    private partial void LogPrinted(int bytes, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PDF print stopped after the timeout of {Seconds} s")]
    private partial void LogTimedOut(double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not every process under Chromium (pid {Pid}) could be killed")]
    private partial void LogKillFailed(int pid, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chromium (pid {Pid}) did not exit after being killed")]
    private partial void LogNotStopped(int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the PDF work directory {Path}")]
    private partial void LogNotDeleted(string path, Exception exception);
}
