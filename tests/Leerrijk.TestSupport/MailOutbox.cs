using System.Text.RegularExpressions;
using MimeKit;

namespace Leerrijk.TestSupport;

/// <summary>Reads the .eml files the app writes when no SMTP server is configured.</summary>
public sealed partial class MailOutbox(string directory)
{
    public async Task<MimeMessage> WaitForMessageToAsync(string recipient, string? subjectContains = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var message = Messages().LastOrDefault(m =>
                m.To.Mailboxes.Any(b => string.Equals(b.Address, recipient, StringComparison.OrdinalIgnoreCase))
                && (subjectContains is null || (m.Subject ?? "").Contains(subjectContains, StringComparison.OrdinalIgnoreCase)));
            if (message is not null)
            {
                return message;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No mail to {recipient} in {directory}.");
            }

            await Task.Delay(50);
        }
    }

    public IReadOnlyList<MimeMessage> Messages() =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f)).ToList()
            : [];

    /// <summary>The first link in the message whose path contains <paramref name="pathPart"/>.</summary>
    public static Uri LinkIn(MimeMessage message, string pathPart)
    {
        var match = LinkPattern().Matches(message.TextBody ?? "").FirstOrDefault(m => m.Value.Contains(pathPart, StringComparison.OrdinalIgnoreCase));
        return match is null ? throw new InvalidOperationException($"No link with {pathPart} in '{message.Subject}'.") : new Uri(match.Value);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
