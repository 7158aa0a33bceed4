using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Leerrijk.FaultTests.Harness;

namespace Leerrijk.FaultTests;

/// <summary>
/// Check 6 (C4, C5): generated bad requests to every public endpoint — the respondent pages, the JSON endpoint,
/// log-in, registration, password reset, the quick scan and the public lookups — with malformed JSON and UTF-8,
/// NUL bytes, huge fields, unknown ids and out-of-range values. Pass: no 5xx, no stack trace or SQL in any body,
/// nothing stored from an invalid submission, and health still green.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class FuzzTests(FaultFixture fixture)
{
    private sealed record Target(string Name, Func<Random, Task<Page>> Send);

    [SkippableTheory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Public_endpoints_answer_generated_bad_input_in_plain_words_without_5xx(string kind)
    {
        var perEndpoint = Profile.Pick(1_000, 10_000);
        var database = await fixture.DatabaseAsync(kind, "fuzz");
        await using var app = new AppProcess("fuzz", database, FaultFixture.NoRateLimits);
        await app.StartAsync();
        using var client = Browser.CreateClient(app.BaseAddress, 16);
        var random = new Random();

        // Browsers that hold the cookies and form tokens a real visitor would have, so fuzzed values get past the
        // antiforgery check and reach validation (a share of requests drops or corrupts the token on purpose).
        var respondent = new Browser(client);
        var start = await respondent.GetAsync($"/s/{Respondents.DemoCode}");
        var firstScreen = await respondent.SubmitAsync(start, start.Form, Browser.RandomChoices(start.Form, random));
        Assert.Equal(HttpStatusCode.OK, firstScreen.Status);
        var visitor = new Browser(client);
        var forms = new Dictionary<string, Page>();
        foreach (var path in new[] { $"/s/{Respondents.DemoCode}/hervatten", "/Account/Login", "/Account/Register", "/Account/ForgotPassword", "/snelscan" })
        {
            forms[path] = await visitor.GetAsync(path);
        }

        var acknowledged = 0;
        var targets = new List<Target>
        {
            new("POST /api/v1/s/{code}/responses", async r =>
            {
                var page = await visitor.PostRawAsync($"/api/v1/s/{(r.Next(10) == 0 ? Nasty.Segment(r) : Respondents.DemoCode)}/responses", Nasty.JsonBody(r, out _));
                if (page.Status is HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref acknowledged);
                }

                return page;
            }),
            new("POST /s/{code} (start)", r => PostForm(respondent, start, r)),
            new("POST /s/{code}/{n} (a screen of questions)", r => PostForm(respondent, firstScreen, r)),
            new("GET /s/{code}/{n} and /s/{code}/u/{token}", r => respondent.GetAsync(r.Next(3) switch
            {
                0 => $"/s/{Nasty.Segment(r)}",
                1 => $"/s/{Respondents.DemoCode}/{r.Next(-5, 40)}",
                _ => $"/s/{Respondents.DemoCode}/u/{Nasty.Segment(r)}",
            })),
        };
        targets.AddRange(forms.Select(f => new Target($"POST {f.Key}", r => PostForm(visitor, f.Value, r))));
        targets.Add(new("GET /menukaart, /verhalen, /instrumenten with bad ids and queries", r => visitor.GetAsync(r.Next(4) switch
        {
            0 => $"/menukaart?q={Nasty.Segment(r)}&dimensie={Nasty.Segment(r)}&grootte={Nasty.Segment(r)}",
            1 => $"/menukaart/{Nasty.Segment(r)}",
            2 => $"/verhalen/{Nasty.Segment(r)}",
            _ => $"/instrumenten/{Nasty.Segment(r)}",
        })));

        var failures = new List<string>();
        var figures = new List<(string, object)> { ("requests per endpoint", perEndpoint) };
        foreach (var target in targets)
        {
            var statuses = new ConcurrentDictionary<int, int>();
            var bad = new ConcurrentBag<string>();
            var transport = 0;
            await Parallel.ForAsync(0, perEndpoint, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                var r = new Random(random.Next() ^ i);
                try
                {
                    var page = await target.Send(r);
                    statuses.AddOrUpdate((int)page.Status, 1, (_, n) => n + 1);
                    if ((int)page.Status >= 500 || Figures.LeakIn(page.Html) is not null)
                    {
                        bad.Add($"{target.Name} → {page.Url.PathAndQuery[..Math.Min(page.Url.PathAndQuery.Length, 80)]}: {(int)page.Status} {Figures.LeakIn(page.Html)}");
                    }
                }
                catch (HttpRequestException)
                {
                    // A body over the limit may be refused before it is read: the connection closes. Counted, not a 5xx.
                    Interlocked.Increment(ref transport);
                }
            });
            figures.Add((target.Name, string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")) + (transport > 0 ? $", closed early ×{transport}" : "")));
            failures.AddRange(bad.Distinct().Take(5));
        }

        var stored = (await database.ResponsesAsync(Respondents.DemoCode)).Count;
        var healthy = await app.IsHealthyAsync();
        // ASP.NET Core logs "An unhandled exception has occurred…" and "…attempting to execute the error handler".
        var unhandled = app.LogText().Split('\n').Count(l => l.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase) || l.Contains("execute the error handler", StringComparison.OrdinalIgnoreCase));
        figures.Add(("responses stored / acknowledged with 201", $"{stored} / {acknowledged}"));
        figures.Add(("errors logged by the app (unhandled exceptions)", unhandled));
        figures.Add(("health afterwards", healthy ? "green" : "red"));
        figures.Add(("5xx or internals shown (first examples)", failures.Count == 0 ? "none" : string.Join("<br>", failures.Select(f => WebUtility.HtmlEncode(f.ReplaceLineEndings(" ")).Replace("|", "&#124;", StringComparison.Ordinal)))));
        Results.Record("6. Fuzzing the public endpoints", kind, figures,
            [("0 × 5xx, no stack trace or SQL in a body, nothing stored from bad input, health green", failures.Count == 0 && stored == acknowledged && healthy)]);

        Assert.Empty(failures);
        Assert.Equal(acknowledged, stored);
        Assert.Equal(0, unhandled);
        Assert.True(healthy);
    }

    /// <summary>The page's form with some fields replaced by bad values, fields added, the token dropped or broken, or a body of bad bytes.</summary>
    private static Task<Page> PostForm(Browser browser, Page page, Random random)
    {
        var fields = Browser.Fields(page.Form);
        foreach (var (name, value) in Browser.RandomChoices(page.Form, random))
        {
            fields[name] = value;
        }

        var names = fields.Keys.Where(k => k != "__RequestVerificationToken").ToList();
        for (var i = 0; i < random.Next(1, 4) && names.Count > 0; i++)
        {
            fields[names[random.Next(names.Count)]] = Nasty.Value(random);
        }

        switch (random.Next(12))
        {
            case 0:
                fields.Remove("__RequestVerificationToken");
                break;
            case 1:
                fields["__RequestVerificationToken"] = Nasty.Value(random);
                break;
            case 2:
                fields[Nasty.Value(random) is { Length: > 0 } extra ? extra : "x"] = Nasty.Value(random);
                break;
            case 3:
                return browser.PostRawAsync(page.Url.PathAndQuery, new ByteArrayContent(Nasty.BadBytes(random)) { Headers = { ContentType = new("application/x-www-form-urlencoded") } });
            case 4:
                for (var i = 0; i < random.Next(100, 700); i++)
                {
                    fields[$"f{i}"] = "1";
                }

                break;
        }

        var body = string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
        return browser.PostRawAsync(page.Url.PathAndQuery, new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));
    }
}
