using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Account;

/// <summary>The app with a clock the tests move on, so idle and absolute limits can pass without waiting.</summary>
public sealed class ClockedApp : LeerrijkAppFactory
{
    public ShiftedClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>How long a log-in lasts (B6 of the test list): 30 minutes idle, 12 hours at most, a disabled account out within a minute.</summary>
public sealed class SessionTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    private static async Task<HttpStatusCode> AccountPageAsync(HttpClient client) => (await client.GetAsync("/Account/ChangePassword")).StatusCode;

    [Fact]
    public async Task A_log_in_ends_after_thirty_minutes_without_a_request_and_says_why()
    {
        var user = await app.CreateUserAsync();
        var client = await app.LoggedInClientAsync(user.Email!);
        Assert.Equal(HttpStatusCode.OK, await AccountPageAsync(client));

        // Active every 29 minutes for two hours: never idle long enough.
        for (var i = 0; i < 4; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(29));
            Assert.Equal(HttpStatusCode.OK, await AccountPageAsync(client));
        }

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        var ended = await client.GetAsync("/Account/ChangePassword");

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        var login = ended.Headers.Location!.ToString();
        Assert.Contains("/Account/Login", login, StringComparison.Ordinal);
        Assert.Contains(SessionLifetime.EndedFlag + "=true", login, StringComparison.Ordinal);
        Assert.Contains("30 minuten niets deed", await (await client.GetAsync(login)).TextAsync(), StringComparison.Ordinal);
        // The cookie is gone too: the next request is a plain anonymous one.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Account/ChangePassword")).StatusCode);
    }

    [Fact]
    public async Task A_log_in_ends_after_twelve_hours_however_active()
    {
        var user = await app.CreateUserAsync();
        var client = await app.LoggedInClientAsync(user.Email!);

        for (var i = 0; i < 35; i++) // 35 × 20 minutes = 11 h 40
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, await AccountPageAsync(client));
        }

        app.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.Redirect, await AccountPageAsync(client));

        // Logging in again starts a new twelve hours.
        var again = await app.LoggedInClientAsync(user.Email!);
        Assert.Equal(HttpStatusCode.OK, await AccountPageAsync(again));
    }

    [Fact]
    public async Task A_disabled_account_is_refused_within_a_minute()
    {
        var user = await app.CreateUserAsync();
        var client = await app.LoggedInClientAsync(user.Email!);
        Assert.Equal(HttpStatusCode.OK, await AccountPageAsync(client));

        using (var scope = app.Services.CreateScope())
        {
            // How an administrator disables an account: locked out for good, and its security stamp changed.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var stored = await users.FindByIdAsync(user.Id.ToString());
            await users.SetLockoutEndDateAsync(stored!, DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(stored!);
        }

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Redirect, await AccountPageAsync(client));
    }
}

/// <summary>Data Protection keys encrypted with the host's certificate (B8): unreadable in a copy of the database without it.</summary>
public sealed class KeyEncryptionTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("leerrijk-cert.").FullName;
    private EncryptedKeysApp? _app;

    public async Task InitializeAsync()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=leerrijk-test-keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        await File.WriteAllBytesAsync(CertificatePath, certificate.Export(X509ContentType.Pkcs12, "geheim"));
        _app = new EncryptedKeysApp(CertificatePath);
        await _app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await ((IAsyncLifetime)_app).DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private string CertificatePath => Path.Combine(_folder, "keys.pfx");

    [Fact]
    public async Task Keys_are_stored_encrypted_and_only_an_app_with_the_certificate_accepts_the_log_in()
    {
        var app = _app!;
        var user = await app.CreateUserAsync();
        var cookie = await LogInCookieAsync(app, user.Email!);
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(app, cookie));

        using (var scope = app.Services.CreateScope())
        {
            var keys = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().DataProtectionKeys.ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, key =>
            {
                Assert.Contains("EncryptedData", key.Xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", key.Xml, StringComparison.Ordinal);
            });
        }

        // A restarted app with the same certificate reads the keys: the person stays logged in.
        await using (var restarted = new EncryptedKeysApp(CertificatePath, app.Database, app.MailDirectory))
        {
            Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(restarted, cookie));
        }

        // A copy of the database without the certificate cannot read them: the cookie is worthless there.
        await using var stolen = new EncryptedKeysApp(null, app.Database, app.MailDirectory);
        Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(stolen, cookie));
    }

    /// <summary>Logs in with a client that keeps no cookies, and returns the log-in cookie as a browser would send it.</summary>
    private static async Task<string> LogInCookieAsync(LeerrijkAppFactory app, string email)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var page = await client.GetAsync("/Account/Login");
        var antiforgery = CookieFrom(page, "Leerrijk.Antiforgery");
        var token = System.Text.RegularExpressions.Regex.Match(
            await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = email,
                ["Input.Password"] = LeerrijkAppFactory.Password,
            }),
        };
        request.Headers.Add("Cookie", antiforgery);
        var login = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return CookieFrom(login, "Leerrijk.Auth");
    }

    private static string CookieFrom(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(name + "=", StringComparison.Ordinal)).Split(';')[0];

    private static async Task<HttpStatusCode> WithCookieAsync(LeerrijkAppFactory app, string cookie)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return (await client.GetAsync("/Account/ChangePassword")).StatusCode;
    }

    private sealed class EncryptedKeysApp : LeerrijkAppFactory
    {
        private readonly string? _certificate;

        public EncryptedKeysApp(string? certificate) => _certificate = certificate;

        public EncryptedKeysApp(string? certificate, TestDatabase database, string mailDirectory)
            : base(database, mailDirectory) => _certificate = certificate;

        protected override IReadOnlyDictionary<string, string?> Settings => _certificate is null
            ? new Dictionary<string, string?>()
            : new Dictionary<string, string?>
            {
                ["DataProtection:CertificatePath"] = _certificate,
                ["DataProtection:CertificatePassword"] = "geheim",
            };
    }
}
