using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Leerrijk.IntegrationTests.Infrastructure;

/// <summary>Links in e-mails never follow a forged Host header.</summary>
public sealed class PublicAddressTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Fact]
    public async Task Production_refuses_to_start_without_a_public_address()
    {
        await using var production = new ProductionApp(app, publicBaseUrl: null);

        var error = Assert.Throws<InvalidOperationException>(() => production.CreateClient());

        Assert.Contains("App:PublicBaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_public_address_reset_links_ignore_the_host_the_request_claims()
    {
        await using var production = new ProductionApp(app, publicBaseUrl: "https://leerrijk.example.nl");
        var user = await app.CreateUserAsync();
        var client = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://evil.example/"), AllowAutoRedirect = false });

        await client.PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = user.Email! });

        var link = MailOutbox.LinkIn(await app.Outbox.WaitForMessageToAsync(user.Email!, "wachtwoord"), "/Account/ResetPassword");
        Assert.Equal("leerrijk.example.nl", link.Host);
    }

    private sealed class ProductionApp(LeerrijkAppFactory first, string? publicBaseUrl) : LeerrijkAppFactory(first.Database, first.MailDirectory)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("App:PublicBaseUrl", publicBaseUrl ?? "");
        }
    }
}
