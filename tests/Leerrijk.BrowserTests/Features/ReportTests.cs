using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.Features;

/// <summary>An owner reads a closed round's report: charts with text alternatives, tables, downloads, print.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task The_owner_reads_the_report_with_charts_and_downloads_the_spreadsheet()
    {
        var owner = await browser.App.CreateUserAsync();
        var organisation = await browser.App.CreateOrganisationAsync(owner.Id, "Metaalbedrijf " + Guid.NewGuid().ToString("N")[..8]);
        var round = await browser.App.CreateRoundAsync(organisation.Id, owner.Id, r => r.Title = "Voorjaar 2026");
        await browser.App.SeedResponsesAsync(round, 36, seed: 3, comment: i => i % 3 == 0 ? $"Meer tijd om samen te leren ({i})." : null);
        await using var session = await browser.NewSessionAsync();
        await (await LoginPage.OpenAsync(session)).LogInAsync(owner.Email!, LeerrijkAppFactory.Password);

        var report = await ReportPage.OpenAsync(session, organisation.Id, round.Id);

        Assert.Equal("Rapport: Voorjaar 2026", await report.HeadingAsync());
        var headings = await report.SectionHeadingsAsync();
        Assert.Contains("Wat betekent dit voor uw bedrijf?", headings);
        Assert.Contains("Scores per onderwerp", headings);
        Assert.Contains("Per rol", headings);
        Assert.True(await report.Charts.CountAsync() >= 3);
        var (xlsx, name) = await report.DownloadAsync("Download als Excel-bestand (xlsx)");
        Assert.EndsWith(".xlsx", name, StringComparison.Ordinal);
        Assert.Equal((byte)'P', xlsx[0]);

        var (downloaded, pdfName) = await report.DownloadAsync("Download als pdf");
        Assert.EndsWith(".pdf", pdfName, StringComparison.Ordinal);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(downloaded, 0, 5), StringComparison.Ordinal);

        var pdf = await report.PrintToPdfAsync();
        if (Artifacts.Folder is { } folder)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, "report-print.pdf"), pdf);
            await File.WriteAllBytesAsync(Path.Combine(folder, "report-download.pdf"), downloaded);
            await session.Page.EmulateMediaAsync(new() { Media = Media.Print });
            await Artifacts.ScreenshotAsync(session.Page, "report-print");
        }

        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
    }
}
