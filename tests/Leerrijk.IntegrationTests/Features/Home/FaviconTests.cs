using System.Net;

namespace Leerrijk.IntegrationTests.Features.Home;

/// <summary>Every browser asks for /favicon.ico; it must be there and not fill the log with 404s.</summary>
public sealed class FaviconTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Fact]
    public async Task The_favicon_is_served_and_every_page_names_it()
    {
        var client = app.CreateBrowserClient();

        var icon = await client.GetAsync("/favicon.ico");
        var landing = await client.GetHtmlAsync("/");

        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        var bytes = await icon.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]); // the ICO header
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.ico\"", landing, StringComparison.Ordinal);
    }
}
