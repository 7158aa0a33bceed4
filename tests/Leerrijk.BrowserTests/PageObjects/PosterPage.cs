using System.Text;
using System.Text.RegularExpressions;
using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/o/{orgId}/rounds/{roundId}/poster: the printable A4 poster with the round's QR code, short link and code.</summary>
public sealed partial class PosterPage : PageObject
{
    internal PosterPage(BrowserSession session, IResponse response)
        : base(session, response, PosterPath())
    {
    }

    /// <summary>Opens the poster; <paramref name="taal"/> "en" asks for the English-only poster.</summary>
    public static Task<PosterPage> OpenAsync(BrowserSession session, Guid organisationId, Guid roundId, string? taal = null) =>
        OpenAsync(
            session,
            $"/o/{organisationId}/rounds/{roundId}/poster" + (taal is null ? "" : "?taal=" + taal),
            r => new PosterPage(session, r),
            taal is null ? "poster" : "poster-" + taal);

    /// <summary>The short link as printed, such as 127.0.0.1:5000/s/ABC123.</summary>
    public async Task<string> ShortLinkAsync() => (await Page.Locator("main .poster-link").InnerTextAsync()).Trim();

    /// <summary>The round's code as printed.</summary>
    public async Task<string> CodeAsync() => (await Page.Locator("main .poster-code strong").InnerTextAsync()).Trim();

    /// <summary>The hint about printing, which only the screen shows.</summary>
    public async Task<string> PrintHintAsync() => (await Page.Locator("main .poster-screen .notice").InnerTextAsync()).Trim();

    /// <summary>The QR code as the accessibility tree sees it: an image, named after the address it leads to.</summary>
    public ILocator QrCode => Page.Locator("main").GetByRole(AriaRole.Img);

    /// <summary>The rendered size of the QR code in CSS pixels (width, height).</summary>
    public async Task<(double Width, double Height)> QrCodeSizeAsync()
    {
        var box = await Page.Locator("main svg.poster-qr-code").BoundingBoxAsync()
            ?? throw new InvalidOperationException("The QR code is not rendered.");
        return (box.Width, box.Height);
    }

    /// <summary>Prints the page to PDF as Chromium does for "Afdrukken": A4, print stylesheet, backgrounds included.</summary>
    public Task<byte[]> PrintToPdfAsync() => Page.PdfAsync(new() { Format = "A4", PrintBackground = true });

    /// <summary>Counts the page objects in a PDF ("/Type /Page", not the "/Type /Pages" tree).</summary>
    public static int PdfPageCount(byte[] pdf) => PdfPage().Matches(Encoding.Latin1.GetString(pdf)).Count;

    [GeneratedRegex("^/o/[0-9a-fA-F-]{36}/rounds/[0-9a-fA-F-]{36}/poster$")]
    private static partial Regex PosterPath();

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PdfPage();
}
