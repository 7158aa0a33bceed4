using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Leerrijk.Web.Infrastructure.Pdf;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Leerrijk.IntegrationTests.Infrastructure;

/// <summary>
/// Runs Debian's Chromium for real. Without it these tests skip on a developer's machine and fail when CI=true,
/// the same rule as the browser tests.
/// </summary>
public sealed partial class PdfPrinterTests : IDisposable
{
    // A4 is 595.28 by 841.89 points; Chromium rounds through CSS pixels and writes 594.96 by 841.92.
    private const double A4Width = 595.28;
    private const double A4Height = 841.89;

    // Each test gets its own temp root (short: Chromium puts a Unix socket under it), so "nothing left behind" and "no Chromium left running" are about this test only.
    private readonly string _root = Directory.CreateTempSubdirectory("lrpdf-t-").FullName;

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [SkippableFact]
    public async Task Prints_a_dutch_document_with_an_inline_svg_on_one_A4_page()
    {
        using var printer = NewPrinter();

        var pdf = await printer.PrintAsync(Document("Rapport café ëxtra", """
            <h1>Leercultuur bij Café Zoë</h1>
            <p>Geëvalueerd: één meting, privé.</p>
            <svg width="200" height="80" role="img" aria-label="staaf"><rect width="150" height="40" fill="#2a7"/></svg>
            """), CancellationToken.None);

        Assert.True(pdf.AsSpan().StartsWith("%PDF-"u8));
        Assert.Equal(1, PageCount(pdf));
        AssertA4(pdf);
        // Without the BOM Chromium would read the file as Latin-1 and the title would say "cafÃ©".
        Assert.Equal("Rapport café ëxtra", Title(pdf));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [SkippableFact]
    public async Task A_long_document_runs_over_several_A4_pages()
    {
        using var printer = NewPrinter();
        var paragraphs = string.Concat(Enumerable.Range(1, 150).Select(i => $"<p>Alinea {i}: wat wij leren, delen we.</p>"));

        var pdf = await printer.PrintAsync(Document("Lang", paragraphs), CancellationToken.None);

        Assert.True(PageCount(pdf) > 1, $"expected more than one page, got {PageCount(pdf)}");
        AssertA4(pdf);
    }

    [SkippableFact]
    public async Task The_document_cannot_reach_the_network()
    {
        using var printer = NewPrinter();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
            var html = $$"""
                <!doctype html>
                <html lang="nl"><head><meta charset="utf-8">
                <link rel="stylesheet" href="{{url}}/s.css">
                <style>@page { size: A4; margin: 20mm } body { background: url({{url}}/bg.png) }</style>
                </head><body>
                <img src="{{url}}/x.png" alt="">
                <svg width="10" height="10"><image href="{{url}}/svg.png" width="10" height="10"/></svg>
                <iframe src="{{url}}/frame"></iframe>
                <script>fetch("{{url}}/fetch");</script>
                <p>Geen verbinding.</p>
                </body></html>
                """;

            var pdf = await printer.PrintAsync(html, CancellationToken.None);

            Assert.True(pdf.AsSpan().StartsWith("%PDF-"u8));
            // A connection attempt would sit in the listener's backlog: the kernel accepts it even though we do not.
            Assert.False(listener.Pending(), "Chromium connected to the listener while printing");

            // And the listener was really there to be reached.
            using var probe = new TcpClient();
            await probe.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
            await WaitUntilAsync(listener.Pending, TimeSpan.FromSeconds(5));
            Assert.True(listener.Pending());
        }
        finally
        {
            listener.Stop();
        }
    }

    [SkippableFact]
    public async Task A_meta_refresh_cannot_navigate_to_the_network_either()
    {
        // CSP does not stop navigation; the host resolver rule does.
        using var printer = NewPrinter();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var html = $"""<!doctype html><html><head><meta http-equiv="refresh" content="0; url=http://127.0.0.1:{port}/r"><style>@page {"{"} size: A4 {"}"}</style></head><body>Blijf hier.</body></html>""";

            // Whether Chromium still prints the page depends on when the refused navigation lands (on a busy machine it
            // sometimes ends without a PDF, which the printer reports as a failure); what must hold either way is that
            // nothing reached the network.
            try
            {
                var pdf = await printer.PrintAsync(html, CancellationToken.None);
                Assert.True(pdf.AsSpan().StartsWith("%PDF-"u8));
            }
            catch (PdfPrintException)
            {
            }

            Assert.False(listener.Pending(), "Chromium followed the refresh to the listener");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Without_chromium_printing_is_unavailable_and_says_where_it_looked()
    {
        var missing = Path.Combine(_root, "no-chromium-here");
        using var printer = NewPrinter(chromiumPath: missing);

        Assert.False(printer.IsAvailable);
        var error = await Assert.ThrowsAsync<PdfUnavailableException>(() => printer.PrintAsync(Document("x", "x"), CancellationToken.None));
        Assert.Equal(missing, error.ChromiumPath);
        Assert.Contains(missing, error.Message);
        Assert.IsAssignableFrom<PdfPrintException>(error);
    }

    [Fact]
    public void A_file_that_cannot_be_executed_is_not_a_chromium()
    {
        var notExecutable = Path.Combine(_root, "chromium");
        File.WriteAllText(notExecutable, "#!/bin/sh\n");
        using var printer = NewPrinter(chromiumPath: notExecutable);

        Assert.False(printer.IsAvailable);
    }

    [Fact]
    public void The_chromium_path_falls_back_to_CHROMIUM_PATH_and_then_to_debians()
    {
        var configured = new PdfOptions { ChromiumPath = "/opt/chromium/chrome" };
        var unset = new PdfOptions();

        Assert.Equal("/opt/chromium/chrome", configured.ResolvedChromiumPath);
        Assert.Equal(
            Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } fromEnvironment ? fromEnvironment : "/usr/bin/chromium",
            unset.ResolvedChromiumPath);
    }

    [SkippableFact]
    public async Task A_timeout_of_a_millisecond_gives_a_clear_error_and_leaves_nothing_behind()
    {
        using var printer = NewPrinter(timeoutSeconds: 0.001);

        var error = await Assert.ThrowsAsync<PdfTimeoutException>(() => printer.PrintAsync(Document("x", "<p>kort</p>"), CancellationToken.None));

        Assert.Contains("0.001 s", error.Message);
        Assert.IsAssignableFrom<PdfPrintException>(error);
        await AssertNoChromiumLeftAsync();
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [SkippableFact]
    public async Task A_print_that_runs_past_its_timeout_is_killed_with_all_its_processes()
    {
        using var printer = NewPrinter(timeoutSeconds: 2);

        var print = printer.PrintAsync(HugeDocument(), CancellationToken.None);
        var seen = await WaitUntilAsync(() => ChromiumProcessesUnder(_root).Count > 1, TimeSpan.FromSeconds(10));

        Assert.True(seen, "Chromium never started, so this test proves nothing");
        await Assert.ThrowsAsync<PdfTimeoutException>(() => print);
        await AssertNoChromiumLeftAsync();
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [SkippableFact]
    public async Task Cancelling_stops_chromium_and_is_reported_as_cancellation_not_as_a_timeout()
    {
        using var printer = NewPrinter();
        using var cancel = new CancellationTokenSource();

        var print = printer.PrintAsync(HugeDocument(), cancel.Token);
        var seen = await WaitUntilAsync(() => ChromiumProcessesUnder(_root).Count > 1, TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();

        Assert.True(seen, "Chromium never started, so this test proves nothing");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => print);
        await AssertNoChromiumLeftAsync();
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [SkippableFact]
    public async Task Prints_beyond_the_limit_wait_for_a_free_slot()
    {
        using var printer = NewPrinter(maxConcurrent: 1);
        var paragraphs = string.Concat(Enumerable.Range(1, 400).Select(i => $"<p>Alinea {i}</p>"));
        var prints = Enumerable.Range(0, 3).Select(_ => printer.PrintAsync(Document("Rij", paragraphs), CancellationToken.None)).ToList();

        var pdfs = await Task.WhenAll(prints);

        // The printer's own count of Chromium runs in progress, kept at the moment each starts: no sampling to miss an overlap.
        Assert.All(pdfs, pdf => Assert.True(pdf.AsSpan().StartsWith("%PDF-"u8)));
        Assert.Equal(1, printer.PeakConcurrentPrints);
    }

    [Fact]
    public void The_content_security_policy_goes_first_in_the_head()
    {
        var html = PdfPrinter.WithContentSecurityPolicy("<!DOCTYPE html><html><header-ish></header-ish><HEAD lang=\"nl\"><title>t</title></HEAD><body><header>k</header></body></html>");

        Assert.StartsWith("<!DOCTYPE html><html><header-ish></header-ish><HEAD lang=\"nl\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';", html);
        Assert.Single(CspMeta().Matches(html));
    }

    [Theory]
    [InlineData("<!doctype html><html lang=\"nl\"><body>x</body></html>", "<!doctype html><meta http-equiv")]
    [InlineData("<p>x</p>", "<meta http-equiv")]
    [InlineData("<html><header>x</header></html>", "<meta http-equiv")]
    public void Without_a_head_the_policy_goes_before_everything_but_the_doctype(string input, string expectedStart)
    {
        var html = PdfPrinter.WithContentSecurityPolicy(input);

        Assert.StartsWith(expectedStart, html);
        Assert.EndsWith(input.Replace("<!doctype html>", "", StringComparison.Ordinal), html);
    }

    [Fact]
    public void A_callers_own_policy_is_kept_and_ours_still_applies()
    {
        // Browsers enforce every policy a document carries, so a looser one from the caller cannot undo ours.
        var html = PdfPrinter.WithContentSecurityPolicy("<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"img-src *\"></head></html>");

        Assert.Equal(2, CspMeta().Matches(html).Count);
        Assert.Contains("default-src 'none'", html);
    }

    private PdfPrinter NewPrinter(double timeoutSeconds = 60, int maxConcurrent = 2, string? chromiumPath = null)
    {
        if (chromiumPath is null)
        {
            RequireChromium();
        }

        var options = new PdfOptions
        {
            ChromiumPath = chromiumPath ?? "",
            TimeoutSeconds = timeoutSeconds,
            MaxConcurrent = maxConcurrent,
            TempDirectory = _root,
        };
        return new PdfPrinter(Options.Create(options), NullLogger<PdfPrinter>.Instance);
    }

    private static void RequireChromium()
    {
        var path = new PdfOptions().ResolvedChromiumPath;
        if (File.Exists(path))
        {
            return;
        }

        var message = $"Chromium was not found at {path}. Install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("CI=true, so the PDF tests must run: " + message);
        }

        Skip.If(true, message);
    }

    private static string Document(string title, string body) => $$"""
        <!doctype html>
        <html lang="nl"><head><meta charset="utf-8"><title>{{title}}</title>
        <style>@page { size: A4; margin: 20mm } body { font-family: sans-serif }</style>
        </head><body>{{body}}</body></html>
        """;

    // Takes Chromium about nine seconds here, far longer than the timeouts the kill tests use.
    private static string HugeDocument() =>
        Document("Groot", string.Concat(Enumerable.Range(1, 20_000).Select(i => $"<p>Regel {i} met café en ëxtra tekst om de pagina te vullen.</p>")));

    private static string Latin1(byte[] pdf) => Encoding.Latin1.GetString(pdf);

    private static int PageCount(byte[] pdf) => PageObject().Matches(Latin1(pdf)).Count;

    private static void AssertA4(byte[] pdf)
    {
        var boxes = MediaBox().Matches(Latin1(pdf));
        Assert.NotEmpty(boxes);
        Assert.All(boxes, box =>
        {
            Assert.Equal(A4Width, double.Parse(box.Groups["w"].Value, CultureInfo.InvariantCulture), 1.0);
            Assert.Equal(A4Height, double.Parse(box.Groups["h"].Value, CultureInfo.InvariantCulture), 1.0);
        });
    }

    /// <summary>The document title from the PDF's info dictionary, which Chromium writes as UTF-16 hex when it is not ASCII.</summary>
    private static string Title(byte[] pdf)
    {
        var match = TitleEntry().Match(Latin1(pdf));
        Assert.True(match.Success, "no /Title in the PDF");
        if (match.Groups["hex"].Success)
        {
            return Encoding.BigEndianUnicode.GetString(Convert.FromHexString(match.Groups["hex"].Value)).TrimStart('\uFEFF');
        }

        return match.Groups["text"].Value;
    }

    private async Task AssertNoChromiumLeftAsync()
    {
        // Killed children may take a moment to go; a zombie has no command line or environment and is not counted.
        var gone = await WaitUntilAsync(() => ChromiumProcessesUnder(_root).Count == 0, TimeSpan.FromSeconds(10));
        Assert.True(gone, "Chromium processes still running: " + string.Join(", ", ChromiumProcessesUnder(_root)));
    }

    /// <summary>
    /// Processes started for a print under <paramref name="root"/>: every one of them inherits HOME inside the print's
    /// directory, and the browser and renderers name its profile on their command line.
    /// </summary>
    private static List<int> ChromiumProcessesUnder(string root)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            if (ReadProcFile(directory, "cmdline").Contains(root, StringComparison.Ordinal)
                || ReadProcFile(directory, "environ").Contains("HOME=" + root, StringComparison.Ordinal))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    private static string ReadProcFile(string directory, string name)
    {
        try
        {
            return File.ReadAllText(Path.Combine(directory, name));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process ended while we looked, or belongs to someone else.
            return "";
        }
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > limit)
            {
                return false;
            }

            await Task.Delay(25);
        }

        return true;
    }

    [GeneratedRegex(@"/Type\s*/Page(?![A-Za-z])")]
    private static partial Regex PageObject();

    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+(?<w>[\d.]+)\s+(?<h>[\d.]+)\s*\]")]
    private static partial Regex MediaBox();

    [GeneratedRegex(@"/Title\s*(?:<(?<hex>[0-9A-Fa-f]+)>|\((?<text>[^)]*)\))")]
    private static partial Regex TitleEntry();

    [GeneratedRegex("http-equiv=\"Content-Security-Policy\"")]
    private static partial Regex CspMeta();
}
