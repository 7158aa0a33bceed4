using System.Net;
using Leerrijk.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Infrastructure;

public sealed class DatabaseTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Fact]
    public async Task Health_checks_the_database()
    {
        var response = await app.CreateBrowserClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Start_up_applied_every_migration_of_the_configured_provider()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(app.Database.Provider == DatabaseProvider.Postgres, db.Database.IsNpgsql());
        Assert.Equal(app.Database.Provider == DatabaseProvider.Sqlite, db.Database.IsSqlite());
    }

    [Fact]
    public async Task Acknowledged_writes_are_durable_on_either_database()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();

        async Task<object?> ScalarAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync();
        }

        if (app.Database.Provider == DatabaseProvider.Sqlite)
        {
            Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode;"));
            Assert.Equal(2L, await ScalarAsync("PRAGMA synchronous;")); // 2 = FULL: survives power loss in WAL mode
        }
        else
        {
            Assert.Equal("on", await ScalarAsync("SHOW synchronous_commit;"));
        }
    }

    [Fact]
    public async Task Forms_and_log_ins_survive_a_restart_because_keys_live_in_the_database()
    {
        var user = await app.CreateUserAsync();
        // The cookie and the token of one form, as a browser holds them while the server restarts.
        var first = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var page = await first.GetAsync("/Account/Login");
        var antiforgeryCookie = CookieFrom(page, "Leerrijk.Antiforgery");
        var token = System.Text.RegularExpressions.Regex.Match(
            await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        using (var scope = app.Services.CreateScope())
        {
            Assert.NotEmpty(await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().DataProtectionKeys.ToListAsync());
        }

        // A second app process on the same database stands in for the restarted server.
        await using var restarted = new RestartedApp(app);
        var afterRestart = restarted.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = user.Email!,
                ["Input.Password"] = LeerrijkAppFactory.Password,
            }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie);
        var login = await afterRestart.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        // And the log-in cookie issued by the second process is accepted by the first.
        var back = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        back.DefaultRequestHeaders.Add("Cookie", CookieFrom(login, "Leerrijk.Auth"));
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync("/organisations")).StatusCode);
    }

    [Fact]
    public async Task Production_refuses_to_start_on_a_database_that_can_lose_acknowledged_answers()
    {
        using var scope = app.Services.CreateScope();
        var settings = await DurabilitySettings.ReadAsync(scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>(), CancellationToken.None);
        await using var production = new ProductionApp(app);

        if (app.Database.Provider == DatabaseProvider.Postgres)
        {
            // The test cluster runs with fsync=off for speed: exactly what Production must refuse.
            Assert.Equal("off", settings.Values["fsync"]);
            var refusal = Assert.ThrowsAny<Exception>(() => production.Services);
            Assert.Contains("fsync=off", refusal.ToString(), StringComparison.Ordinal);

            await using var accepted = new ProductionApp(app, acceptUnsafe: true);
            Assert.NotNull(accepted.Services.GetRequiredService<LeerrijkDbContext>());
        }
        else
        {
            Assert.Empty(DurabilityRule.Problems(settings));
            Assert.NotNull(production.Services.GetRequiredService<LeerrijkDbContext>());
        }
    }

    private static string CookieFrom(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(name + "=", StringComparison.Ordinal)).Split(';')[0];

    private sealed class RestartedApp(LeerrijkAppFactory first) : LeerrijkAppFactory(first.Database, first.MailDirectory);

    /// <summary>The same app started as Production, on the same database.</summary>
    private sealed class ProductionApp(LeerrijkAppFactory first, bool acceptUnsafe = false) : LeerrijkAppFactory(first.Database, first.MailDirectory)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            [DurabilityRule.AcceptUnsafeKey] = acceptUnsafe ? "true" : "false",
            ["App:PublicBaseUrl"] = "https://leerrijk.example.nl",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
