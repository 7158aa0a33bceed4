using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Leerrijk.TestSupport;

/// <summary>
/// A minimal SMTP server on 127.0.0.1 that accepts every message, so the app's real MailKit client can be
/// tested end to end over SMTP (EHLO, MAIL, RCPT, DATA, QUIT; no TLS, no AUTH).
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<MimeMessage> _messages = [];

    public SmtpSink()
    {
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Addresses at this domain are refused at RCPT TO, as a server refuses an unknown mailbox.</summary>
    public const string RefusedDomain = "@weigert.test";

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<MimeMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public async Task<MimeMessage> WaitForMessageToAsync(string recipient, TimeSpan? timeout = null, string? subjectContains = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            var message = Messages.FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address == recipient)
                && (subjectContains is null || (m.Subject ?? "").Contains(subjectContains, StringComparison.Ordinal)));
            if (message is not null)
            {
                return message;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The SMTP sink received no mail for {recipient}.");
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        // Latin-1 maps every byte to one char and back, so 8BITMIME bodies (UTF-8 "één") arrive byte for byte.
        using var reader = new StreamReader(stream, Encoding.Latin1);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 sink ESMTP");
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-sink");
                    await writer.WriteLineAsync("250 8BITMIME");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                    {
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    }

                    var message = await MimeMessage.LoadAsync(new MemoryStream(Encoding.Latin1.GetBytes(data.ToString())));
                    lock (_messages)
                    {
                        _messages.Add(message);
                    }

                    await writer.WriteLineAsync("250 queued");
                    break;
                case "RCPT" when line.Contains(RefusedDomain + ">", StringComparison.OrdinalIgnoreCase):
                    // As a real server answers for a mailbox that does not exist: MailKit raises RecipientNotAccepted.
                    await writer.WriteLineAsync("550 5.1.1 no such mailbox");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return;
                default:
                    await writer.WriteLineAsync("250 ok");
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
