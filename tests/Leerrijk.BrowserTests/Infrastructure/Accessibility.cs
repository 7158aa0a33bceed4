using System.Text;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;

namespace Leerrijk.BrowserTests.Infrastructure;

/// <summary>Runs axe-core on the page as it is now and fails on serious or critical violations.</summary>
/// <remarks>Minor and moderate findings do not fail a test; they are written next to the screenshots for people.</remarks>
public static class Accessibility
{
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    /// <summary>axe-core as bundled with Deque.AxeCore (the same version Deque.AxeCore.Playwright injects).</summary>
    private static readonly Lazy<string> AxeSource = new(() => new BundledAxeScriptProvider().GetScript());

    /// <summary>
    /// False when TEST_ACCESSIBILITY is "off". The test command turns the scan off for the PostgreSQL run: the pages come
    /// from the same templates as in the SQLite run, which scans every one of them, and the scan is about a third of a
    /// browser run (66 of 172 s here).
    /// </summary>
    public static bool Enabled { get; } =
        !string.Equals(Environment.GetEnvironmentVariable("TEST_ACCESSIBILITY"), "off", StringComparison.OrdinalIgnoreCase);

    public static async Task AssertNoSeriousViolationsAsync(IPage page, string name)
    {
        var result = await RunAxeAsync(page);
        if (result.Passes is not { Length: > 0 })
        {
            // Guards against a scan that silently did nothing (for example axe blocked from running).
            Assert.Fail($"axe checked no rule on '{name}' ({page.Url}); the accessibility scan did not run.");
        }

        var violations = result.Violations ?? [];
        if (violations.Length > 0)
        {
            await Artifacts.WriteTextAsync(name + ".axe.txt", Describe(page.Url, violations));
        }

        var blocking = violations.Where(v => BlockingImpacts.Contains(v.Impact, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (blocking.Length > 0)
        {
            Assert.Fail($"axe found {blocking.Length} serious or critical accessibility violation(s) on '{name}':\n"
                + Describe(page.Url, blocking));
        }
    }

    /// <summary>
    /// Runs axe-core in the page itself, as <c>axe.run(document)</c>. Deque.AxeCore.Playwright's <c>RunAxe</c> also
    /// opens a fresh page for every scan to combine the results, which costs about a second per page on a
    /// two-core machine; the app has no frames, so one run in the page gives the same result.
    /// </summary>
    private static async Task<AxeResult> RunAxeAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, so the app's Content-Security-Policy does not block it.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeSource.Value);
        }

        // resultTypes: violations keep every node; passes, incomplete and inapplicable keep one node per rule. The verdict
        // is the same, and the answer shrinks from about 450 kB to 50 kB a page (about 70 ms less to make and read).
        var json = await page.EvaluateAsync<string>(
            "async () => JSON.stringify(await window.axe.run(document, { resultTypes: ['violations'] }))");
        return new AxeResult(JObject.Parse(json));
    }

    private static string Describe(string url, IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        text.Append("Page: ").AppendLine(url);
        foreach (var violation in violations)
        {
            text.Append("- ").Append(violation.Id).Append(" (").Append(violation.Impact).Append("): ").AppendLine(violation.Help);
            text.Append("  ").AppendLine(violation.HelpUrl);
            foreach (var node in violation.Nodes ?? [])
            {
                text.Append("    at ").Append(node.Target?.ToString()).Append(": ").AppendLine(node.Html);
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []);
                foreach (var message in checks.Select(c => c.Message).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct())
                {
                    text.Append("       ").AppendLine(message.ReplaceLineEndings(" "));
                }
            }
        }

        return text.ToString();
    }
}
