namespace Leerrijk.IntegrationTests.Infrastructure;

/// <summary>With SMTP configured, mail leaves through MailKit over a real SMTP conversation.</summary>
public sealed class SmtpMailTests(SmtpAppFixture smtp) : IClassFixture<SmtpAppFixture>
{
    private readonly SmtpSink _sink = smtp.Sink;
    private readonly LeerrijkAppFactory _app = smtp.App;

    [Fact]
    public async Task Registration_mail_is_delivered_over_smtp()
    {
        var email = $"smtp-{Guid.NewGuid():N}@example.test";

        await _app.CreateBrowserClient().PostFormAsync("/Account/Register", new()
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
}
