namespace Leerrijk.IntegrationTests.Infrastructure;

/// <summary>With SMTP configured, mail leaves through MailKit over a real SMTP conversation.</summary>
public sealed class SmtpMailTests : IAsyncLifetime
{
    private readonly SmtpSink _sink = new();
    private SmtpApp? _app;

    public async Task InitializeAsync()
    {
        _app = new SmtpApp(_sink.Port);
        await _app.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await ((IAsyncLifetime)_app).DisposeAsync();
        }

        await _sink.DisposeAsync();
    }

    [Fact]
    public async Task Registration_mail_is_delivered_over_smtp()
    {
        var email = $"smtp-{Guid.NewGuid():N}@example.test";

        await _app!.CreateBrowserClient().PostFormAsync("/Account/Register", new()
        {
            ["Input.Name"] = "Post Bode",
            ["Input.Email"] = email,
            ["Input.Password"] = LeerrijkAppFactory.Password,
            ["Input.ConfirmPassword"] = LeerrijkAppFactory.Password,
        });

        var message = await _sink.WaitForMessageToAsync(email);
        Assert.Equal("Bevestig uw e-mailadres voor Leerrijk", message.Subject);
        Assert.Contains("/Account/ConfirmEmail?", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<a href=", message.HtmlBody, StringComparison.Ordinal);
        Assert.Empty(_app.Outbox.Messages());
    }

    private sealed class SmtpApp(int port) : LeerrijkAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Mail:SmtpHost"] = "127.0.0.1",
            ["Mail:SmtpPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Security"] = "None",
        };
    }
}
