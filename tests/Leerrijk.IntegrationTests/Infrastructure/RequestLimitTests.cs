using System.Net;
using System.Text;

namespace Leerrijk.IntegrationTests.Infrastructure;

public sealed class RequestLimitTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Fact]
    public async Task An_oversized_form_gets_413_with_an_explanation()
    {
        var client = app.CreateBrowserClient();
        var token = await client.GetAntiforgeryTokenAsync("/Account/Login");
        var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = "a@example.test",
            ["Input.Password"] = new string('x', 1_200_000),
        });

        var response = await client.PostAsync("/Account/Login", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Te veel tekst in één keer", await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_body_without_a_length_header_is_also_refused()
    {
        var client = app.CreateBrowserClient();
        var token = await client.GetAntiforgeryTokenAsync("/Account/Login");
        var form = $"__RequestVerificationToken={Uri.EscapeDataString(token)}&Input.Email=a%40example.test&Input.Password={new string('x', 1_200_000)}";
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(form)));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Te veel tekst in één keer", await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_form_values_never_cause_a_server_error()
    {
        var user = await app.CreateUserAsync();
        var client = await app.LoggedInClientAsync(user.Email!);
        var organisation = await app.CreateOrganisationAsync(user.Id);
        var members = $"/o/{organisation.Id}/members";
        string[] junk = ["", "\0", "<script>alert(1)</script>", "'; DROP TABLE Organisations;--", new string('9', 5000), "💥", "-1", "NaN"];

        foreach (var value in junk)
        {
            var responses = new[]
            {
                await client.PostFormAsync($"{members}?handler=Role", new() { ["membershipId"] = value, ["role"] = value }, members),
                await client.PostFormAsync($"{members}?handler=Invite", new() { ["Invite.Email"] = value, ["Invite.Role"] = value }, members),
                await client.PostFormAsync("/organisations/new", new() { ["Input.Name"] = value, ["Input.SizeClass"] = value, ["Input.KvkNumber"] = value }),
                await client.PostFormAsync("/language", new() { ["lang"] = value, ["returnUrl"] = value }, "/"),
            };
            Assert.All(responses, r => Assert.True((int)r.StatusCode < 500, $"'{value}' gave {(int)r.StatusCode}"));
            var html = await responses[2].TextAsync();
            Assert.DoesNotContain("<script>alert(1)</script>", await responses[2].Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        }
    }
}
