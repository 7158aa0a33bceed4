using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Leerrijk.Web.Infrastructure.Mail;

/// <summary>Mail settings: an SMTP server when <see cref="SmtpHost"/> is set, otherwise .eml files in <see cref="PickupDirectory"/>.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    /// <summary>Auto (STARTTLS when offered), StartTls, SslOnConnect or None.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "noreply@leerrijk.local";

    public string FromName { get; set; } = "Leerrijk";

    public string PickupDirectory { get; set; } = "data/mail-outbox";
}

/// <summary>One e-mail as the features write it; <see cref="ActionLink"/> is the link the message is about.</summary>
/// <param name="To">The recipient's address.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="TextBody">The plain-text body.</param>
/// <param name="HtmlBody">The HTML body.</param>
/// <param name="ActionLink">The link the message is about, logged by the pick-up sender; null to keep it out of the log.</param>
/// <param name="Attachments">Files sent along, such as a calendar invitation; null or empty for none.</param>
public sealed record OutgoingMail(
    string To, string Subject, string TextBody, string HtmlBody, string? ActionLink = null, IReadOnlyList<MailAttachment>? Attachments = null);

/// <summary>A file sent with a mail.</summary>
/// <param name="FileName">The name the recipient sees, such as <c>bijeenkomst.ics</c>.</param>
/// <param name="ContentType">The full MIME type with its parameters, such as <c>text/calendar; method=REQUEST; charset=utf-8</c>.</param>
/// <param name="Content">The file's bytes.</param>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>Sends Leerrijk's e-mail.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}

internal static class MimeBuilder
{
    public static MimeMessage Build(OutgoingMail mail, MailOptions options)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        var body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody };
        foreach (var attachment in mail.Attachments ?? [])
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}

/// <summary>Delivers mail to an SMTP server with MailKit.</summary>
public sealed partial class SmtpMailSender(MailOptions options, ILogger<SmtpMailSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        var message = MimeBuilder.Build(mail, options);
        using var client = new SmtpClient();
        await client.ConnectAsync(options.SmtpHost!, options.SmtpPort, options.Security, cancellationToken);
        if (!string.IsNullOrEmpty(options.Username))
        {
            await client.AuthenticateAsync(options.Username, options.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        LogSent(mail.Subject);
    }

    // The recipient is left out of the log on purpose: logs are kept longer than they are guarded.
    [LoggerMessage(Level = LogLevel.Information, Message = "Mail sent over SMTP: {Subject}")]
    private partial void LogSent(string subject);
}

/// <summary>
/// Writes each message as an .eml file and logs its link, so registration and invitations work on a laptop
/// without a mail server. Used only when no SMTP host is configured.
/// </summary>
public sealed partial class PickupDirectoryMailSender(MailOptions options, TimeProvider clock, ILogger<PickupDirectoryMailSender> logger) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        var message = MimeBuilder.Build(mail, options);
        Directory.CreateDirectory(options.PickupDirectory);
        var name = $"{clock.GetUtcNow():yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml";
        var path = Path.Combine(options.PickupDirectory, name);

        // Written under another name and then renamed, so whoever reads the folder never sees half a message.
        var partial = path + ".partial";
        await message.WriteToAsync(partial, cancellationToken);
        File.Move(partial, path);
        LogWritten(mail.Subject, path, mail.ActionLink ?? "-");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail written to file (no SMTP configured): {Subject} -> {Path}; link: {Link}")]
    private partial void LogWritten(string subject, string path, string link);
}

public static class MailSetup
{
    public static IServiceCollection AddLeerrijkMail(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions();
        if (!Path.IsPathRooted(options.PickupDirectory))
        {
            options.PickupDirectory = Path.Combine(contentRoot, options.PickupDirectory);
        }

        services.AddSingleton(options);
        if (string.IsNullOrWhiteSpace(options.SmtpHost))
        {
            services.AddSingleton<IMailSender, PickupDirectoryMailSender>();
        }
        else
        {
            services.AddSingleton<IMailSender, SmtpMailSender>();
        }

        return services;
    }
}
