using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.Infrastructure;

/// <summary>
/// One app on Kestrel and one headless Chromium for all browser tests; each test gets its own
/// browser context (its own cookies) through <see cref="NewSessionAsync"/>.
/// </summary>
/// <remarks>
/// Uses Debian's Chromium (CHROMIUM_PATH, else /usr/bin/chromium) and never downloads a browser.
/// Without Chromium the tests skip on a developer's machine and fail when CI=true.
/// </remarks>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private BrowserApp? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Why the tests skip (no Chromium on a developer's machine); null when they run.</summary>
    public string? SkipReason { get; private set; }

    public BrowserApp App => _app ?? throw new InvalidOperationException(SkipReason ?? "The fixture has not started.");

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : DefaultChromiumPath;

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async Task InitializeAsync()
    {
        var chromium = ChromiumPath;
        if (!File.Exists(chromium))
        {
            var message = $"Chromium was not found at {chromium}. Install Debian's package (apt-get install chromium) "
                + "or set CHROMIUM_PATH; the browser tests never download a browser.";
            if (IsCi)
            {
                throw new InvalidOperationException("CI=true, so the browser tests must run: " + message);
            }

            SkipReason = message;
            return;
        }

        _app = new BrowserApp();
        await _app.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context and page for one test; skips the test when there is no Chromium.</summary>
    /// <param name="testName">Names the screenshots; give a test's second person their own name (for example "Test-colleague").</param>
    public Task<BrowserSession> NewSessionAsync([System.Runtime.CompilerServices.CallerMemberName] string testName = "") =>
        NewContextSessionAsync(testName, new() { Width = 1280, Height = 800 }, phone: false);

    /// <summary>
    /// Like <see cref="NewSessionAsync(string)"/>, with JavaScript switched off for the pages: proves a page works as plain
    /// HTML forms (Leerrijk ships no script, and this catches one that would be needed).
    /// </summary>
    public Task<BrowserSession> NewNoScriptSessionAsync([System.Runtime.CompilerServices.CallerMemberName] string testName = "") =>
        NewContextSessionAsync(testName, new() { Width = 1280, Height = 800 }, phone: false, javaScript: false);

    /// <summary>Like <see cref="NewSessionAsync(string)"/>, but a phone: 375 by 667 CSS pixels, touch, and the page's meta viewport honoured.</summary>
    public Task<BrowserSession> NewPhoneSessionAsync([System.Runtime.CompilerServices.CallerMemberName] string testName = "") =>
        NewContextSessionAsync(testName, new() { Width = 375, Height = 667 }, phone: true);

    /// <summary>
    /// A phone without JavaScript whose browser asks for <paramref name="locale"/> first (Accept-Language), as a
    /// respondent reading Polish or Arabic meets a round.
    /// </summary>
    public Task<BrowserSession> NewNoScriptPhoneSessionAsync(string locale, [System.Runtime.CompilerServices.CallerMemberName] string testName = "") =>
        NewContextSessionAsync(testName, new() { Width = 375, Height = 667 }, phone: true, javaScript: false, locale);

    /// <summary>A phone session of a chosen width, such as 390 CSS pixels for a common phone.</summary>
    /// <param name="width">Viewport width in CSS pixels.</param>
    /// <param name="testName">Names the screenshots.</param>
    public Task<BrowserSession> NewPhoneSessionAsync(int width, [System.Runtime.CompilerServices.CallerMemberName] string testName = "") =>
        NewContextSessionAsync(testName, new() { Width = width, Height = 844 }, phone: true);

    private async Task<BrowserSession> NewContextSessionAsync(string testName, ViewportSize viewport, bool phone, bool javaScript = true, string locale = "nl-NL")
    {
        Skip.If(SkipReason is not null, SkipReason);
        var browser = _browser ?? throw new InvalidOperationException("The browser has not started.");
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = App.BaseAddress.ToString(),
            Locale = locale,
            TimezoneId = "Europe/Amsterdam",
            ViewportSize = viewport,
            IsMobile = phone,
            HasTouch = phone,
            JavaScriptEnabled = javaScript,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(App, context, page, testName, javaScript);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await ((IAsyncLifetime)_app).DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
