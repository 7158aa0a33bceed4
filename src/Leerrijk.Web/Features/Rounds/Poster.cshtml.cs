using System.Globalization;
using System.Net;
using Leerrijk.Scoring.Languages;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Infrastructure;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace Leerrijk.Web.Features.Rounds;

/// <summary>
/// A printable A4 poster for a round: a QR code and a short link to /s/{code}, for people without company e-mail.
/// Any member may print it. Dutch by default (with English below when offered); <c>?taal=en</c>, <c>?taal=pl</c> give a
/// poster in one of the round's other languages.
/// </summary>
/// <remarks>
/// The poster's texts are taken in the poster's own language(s), whatever language the member reads the site in;
/// the hint and links around it follow the member's language. Printing is the browser's own: no script.
/// </remarks>
[AdviserScope(ConsentScope.ManageRounds)]
public sealed class PosterModel(
    LeerrijkDbContext db, InstrumentCatalog catalog, TimeProvider clock, PublicLinks links, IStringLocalizer<SharedResource> l,
    LanguageRegistry languages)
    : OrganisationPageModel
{
    public Round Round { get; private set; } = null!;

    public RoundStatus Status { get; private set; }

    public string OrganisationName { get; private set; } = "";

    /// <summary>The absolute address the QR code holds, such as https://leerrijk.example.nl/s/ABC123.</summary>
    public string PublicLink { get; private set; } = "";

    /// <summary>The address as people type it from the wall: without http(s)://.</summary>
    public string ShortLink { get; private set; } = "";

    /// <summary>Where a narrow screen may break <see cref="ShortLink"/>: after the host, not inside the code.</summary>
    public int ShortLinkBreak => Math.Max(0, ShortLink.IndexOf('/', StringComparison.Ordinal));

    /// <summary>The poster's main text, in Dutch unless English was asked for (or is the round's only language).</summary>
    public PosterText Main { get; private set; } = null!;

    /// <summary>English below the Dutch, smaller, when the round offers both languages; otherwise null.</summary>
    public PosterText? Second { get; private set; }

    /// <summary>The QR code as SVG markup, built here from our own link (see <see cref="QrSvg"/>).</summary>
    public string QrMarkup { get; private set; } = "";

    /// <summary>Whether the round offers English, so the page can offer an English-only poster.</summary>
    public bool OffersEnglish => Round.Languages.Contains("en");

    public bool OffersDutch => Round.Languages.Contains("nl") || !OffersEnglish;

    /// <summary>The round's languages beyond Dutch and English, each with a poster of its own: code and name.</summary>
    public IReadOnlyList<(string Code, string Name)> OtherLanguages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid roundId, [FromQuery] string? taal, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.SingleOrDefaultAsync(
            r => r.Id == roundId && r.OrganisationId == Member.OrganisationId, cancellationToken);
        if (round is null)
        {
            return NotFound();
        }

        Round = round;
        var today = LocalizationSetup.Today(clock);
        Status = round.StatusOn(today);
        OrganisationName = await db.Organisations
            .Where(o => o.Id == Member.OrganisationId)
            .Select(o => o.Name)
            .SingleAsync(cancellationToken);
        PublicLink = links.Absolute(HttpContext, "/s/" + round.Code);
        ShortLink = WithoutScheme(PublicLink);

        var minutes = RoundDuration.Minutes(round, catalog);
        var offered = round.Languages.Where(languages.Contains).ToList();
        OtherLanguages = [.. offered.Where(code => !LanguageRegistry.BuiltIn.Contains(code)).Select(code => (code, RoundLanguages.NameOf(code, l, languages)))];
        var english = OffersEnglish && (string.Equals(taal, "en", StringComparison.Ordinal) || !OffersDutch);
        var other = taal is not null && OtherLanguages.Any(o => o.Code == taal) ? languages.Find(taal)
            : !OffersDutch && !OffersEnglish && offered.Count > 0 ? languages.Find(offered[0])
            : null;
        Main = other is not null ? TextIn(other, round, minutes, today)
            : TextIn(languages.Find(english ? "en" : "nl")!, round, minutes, today);
        Second = other is null && !english && OffersEnglish ? TextIn(languages.Find("en")!, round, minutes, today) : null;
        QrMarkup = QrSvg(PublicLink, Main.QrLabel);
        return Page();
    }

    /// <summary>
    /// The QR code for <paramref name="link"/> as an inline SVG: a viewBox only (CSS sets the size), error
    /// correction M, the quiet zone drawn, colours as attributes (no style attribute for the CSP to block),
    /// and role="img" with a title and aria-label for screen readers. The same input always gives the same markup.
    /// </summary>
    public static string QrSvg(string link, string label)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(1, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
        const string Root = "<svg ";
        if (!svg.StartsWith(Root, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("QRCoder's SVG no longer starts with its root element.");
        }

        var end = svg.IndexOf('>', StringComparison.Ordinal);
        var encoded = WebUtility.HtmlEncode(label);
        return $"<svg class=\"poster-qr-code\" role=\"img\" aria-label=\"{encoded}\" focusable=\"false\" "
            + svg[Root.Length..end] + "><title>" + encoded + "</title>" + svg[(end + 1)..].Trim();
    }

    private static string WithoutScheme(string link)
    {
        var at = link.IndexOf("://", StringComparison.Ordinal);
        return at < 0 ? link : link[(at + 3)..];
    }

    /// <summary>Takes the poster's texts from the resources in <paramref name="language"/>, not the member's own language.</summary>
    private PosterText TextIn(RespondentLanguage language, Round round, int minutes, DateOnly today)
    {
        var culture = language.CultureInfo;
        var (ui, formatting) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (culture, culture);
            var closes = round.ClosesOn.ToString("D", culture);
            return new PosterText(
                Language: language.Code,
                Direction: language.IsRightToLeft ? "rtl" : null,
                Heading: l["Poster.Heading"].Value,
                Lead: minutes > 0 ? l["Poster.Minutes", minutes].Value : l["Poster.NoMinutes"].Value,
                Scan: l["Poster.Scan"].Value,
                ScanAbove: l["Poster.ScanAbove"].Value,
                Code: l["Poster.Code"].Value,
                Anonymous: l["Poster.Anonymous", round.AnonymityThreshold].Value,
                When: round.OpensOn > today
                    ? l["Poster.OpensAndCloses", round.OpensOn.ToString("D", culture), closes].Value
                    : l["Poster.Closes", closes].Value,
                QrLabel: l["Poster.QrLabel", ShortLink].Value);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formatting);
        }
    }
}

/// <summary>The poster's words in one language.</summary>
public sealed record PosterText(
    string Language, string? Direction, string Heading, string Lead, string Scan, string ScanAbove, string Code, string Anonymous, string When, string QrLabel);
