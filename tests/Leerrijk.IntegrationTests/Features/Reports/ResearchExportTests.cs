using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Rounds;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Reports;

/// <summary>
/// The research package (CSV of codes, SPSS syntax, R script) read back by the real programs a researcher uses: PSPP from
/// Debian for the .sps and R for the .R, with labels and missing values intact; withheld under the same rule as the CSV.
/// </summary>
public sealed class ResearchExportTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Fact]
    public async Task Pspp_and_r_read_the_package_with_every_label_the_codes_and_dont_know_as_missing()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var round = await app.CreateRoundAsync(organisation.Id, owner.Id, r => r.Departments = ["Werkplaats", "Kantoor 'noord'"]);
        var instrument = app.Services.GetRequiredService<InstrumentCatalog>().Find(round.InstrumentId)!;
        var (first, second) = (instrument.Items[0], instrument.Items[1]);

        // 8 employees in the workshop answer 4 and "don't know"; 8 managers in the office answer 2 and 5.
        await StoreAsync(round, [
            .. Enumerable.Repeat(("Employee", (string?)"Werkplaats", new Dictionary<string, int?> { [first.Id] = 4, [second.Id] = null }), 8),
            .. Enumerable.Repeat(("Manager", "Kantoor 'noord'", new Dictionary<string, int?> { [first.Id] = 2, [second.Id] = 5 }), 8),
        ]);
        var client = await app.LoggedInClientAsync(owner.Email!);
        var response = await client.GetAsync($"/o/{organisation.Id}/rounds/{round.Id}/report?handler=Spss");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);

        var folder = Directory.CreateTempSubdirectory("leerrijk-research-");
        try
        {
            using (var zip = new ZipArchive(await response.Content.ReadAsStreamAsync()))
            {
                await zip.ExtractToDirectoryAsync(folder.FullName);
            }

            var files = folder.GetFiles().Select(f => f.Extension).Order(StringComparer.Ordinal).ToList();
            Assert.Equal([".R", ".csv", ".sps"], files);
            var sps = folder.GetFiles("*.sps").Single().Name;
            var r = folder.GetFiles("*.R").Single().Name;
            var firstVar = first.Id.Replace('-', '_');
            var secondVar = second.Id.Replace('-', '_');

            // PSPP: the dictionary with labels, and frequencies that show the codes and the declared missing value.
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "check.sps"), $"INSERT FILE='{sps}'.\nDISPLAY DICTIONARY.\nFREQUENCIES /VARIABLES=role department {firstVar} {secondVar}.\n");
            var pspp = await RunAsync("pspp", folder.FullName, "-O", "format=csv", "-o", "out.csv", "check.sps");
            var output = await File.ReadAllTextAsync(Path.Combine(folder.FullName, "out.csv"));
            Assert.True(pspp.Exit == 0 && !output.Contains("error", StringComparison.OrdinalIgnoreCase), pspp.Text + output);
            Assert.Contains(first.Text.Nl, output, StringComparison.Ordinal);
            Assert.Matches($"(?m)^{secondVar},\\d+,.*,Ordinal,.*,9\r?$", output); // the question's label, ordinal, 9 user-missing
            Assert.Matches("(?m)^[^,\n]*,1,leidinggevende\r?$", output);
            Assert.Matches("(?m)^[^,\n]*,5,Helemaal eens\r?$", output);
            Assert.Matches("(?m)^[^,\n]*,9\\[a\\],Weet ik niet", output);
            Assert.Contains("Kantoor 'noord'", output, StringComparison.Ordinal);
            Assert.Matches("(?m)^N,Valid,16,16,16,8\r?$", output); // role, department and the first question: all 16; the second: 8 valid
            Assert.Matches("(?m)^,Missing,0,0,0,8\r?$", output);

            // R: sixteen rows, roles as a factor, the question as the label, don't know as NA, the scale as labels.
            var script = $"source('{r}'); x <- leerrijk[['{secondVar}']]; cat(nrow(leerrijk), sum(is.na(x)), sum(x == 5, na.rm = TRUE), " +
                $"paste(levels(leerrijk$role), collapse = '|'), attr(leerrijk[['{firstVar}']], 'label'), names(attr(x, 'labels'))[5], sep = '\\n')";
            var rscript = await RunAsync("Rscript", folder.FullName, "-e", script);
            Assert.True(rscript.Exit == 0, rscript.Text);
            var lines = rscript.Text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(["16", "8", "8", "leidinggevende|medewerker", Flat(first.Text.Nl), "Helemaal eens"], lines[..6]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_package_carries_only_the_groups_the_report_shows_and_is_withheld_when_the_csv_is()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var round = await app.CreateRoundAsync(organisation.Id, owner.Id, r => r.Departments = ["Werkplaats", "Kantoor"]);
        var item = app.Services.GetRequiredService<InstrumentCatalog>().Find(round.InstrumentId)!.Items[0].Id;

        // The office has 2 people: the report shows no department, so neither file may carry one.
        await StoreAsync(round, [
            .. Enumerable.Repeat(("Employee", (string?)"Werkplaats", new Dictionary<string, int?> { [item] = 4 }), 12),
            .. Enumerable.Repeat(("Employee", "Kantoor", new Dictionary<string, int?> { [item] = 1 }), 2),
        ]);
        var client = await app.LoggedInClientAsync(owner.Email!);
        var csv = await client.GetAsync($"/o/{organisation.Id}/rounds/{round.Id}/report?handler=Csv");
        var package = await client.GetAsync($"/o/{organisation.Id}/rounds/{round.Id}/report?handler=Spss");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (csv.StatusCode, package.StatusCode));
        using (var zip = new ZipArchive(await package.Content.ReadAsStreamAsync()))
        {
            var data = await new StreamReader(await zip.Entries.Single(e => e.Name.EndsWith(".csv", StringComparison.Ordinal)).OpenAsync()).ReadToEndAsync();
            Assert.Equal(15, data.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.DoesNotContain("department", data, StringComparison.Ordinal);
            Assert.DoesNotContain("Kantoor", data, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Kantoor", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Four answers in another round: too few for any figure, so no rows either.
        var small = await app.CreateRoundAsync(organisation.Id, owner.Id);
        await StoreAsync(small, [.. Enumerable.Repeat(("Employee", (string?)"Werkplaats", new Dictionary<string, int?> { [item] = 4 }), 4)]);
        Assert.Equal(HttpStatusCode.Conflict, (await client.GetAsync($"/o/{organisation.Id}/rounds/{small.Id}/report?handler=Csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.GetAsync($"/o/{organisation.Id}/rounds/{small.Id}/report?handler=Spss")).StatusCode);
    }

    private static string Flat(string text) => string.Join(' ', text.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    private static async Task<(int Exit, string Text)> RunAsync(string program, string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start: the test command installs it (pspp, r-base-core).");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private Task StoreAsync(Round round, IReadOnlyList<(string Role, string? Department, Dictionary<string, int?> Answers)> people) =>
        app.StoreResponsesAsync(round, people);
}
