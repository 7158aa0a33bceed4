using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Leerrijk.TestSupport;

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 at a free port that records every webhook it receives, answers with
/// <see cref="StatusCode"/>, and when <see cref="Hang"/> is on holds each request until the test calls
/// <see cref="Release"/>. Plain http on loopback: the test configuration allows private addresses.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _arrivals = Channel.CreateUnbounded<ReceivedWebhook>();
    private readonly List<ReceivedWebhook> _received = [];
    private readonly SemaphoreSlim _gate = new(0);

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The address to subscribe: http://127.0.0.1:{port}/hook.</summary>
    public string Url { get; private set; } = "";

    public int StatusCode { get; set; } = StatusCodes.Status200OK;

    /// <summary>Hold every request (after recording it) until <see cref="Release"/>.</summary>
    public bool Hang { get; set; }

    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = app.Urls.Single().TrimEnd('/') + "/hook";
        return receiver;
    }

    /// <summary>The next request that arrived (in order), waiting for it up to <paramref name="timeout"/>.</summary>
    public async Task<ReceivedWebhook> NextAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        return await _arrivals.Reader.ReadAsync(cancel.Token);
    }

    /// <summary>Lets every held request (and any later one) answer.</summary>
    public void Release()
    {
        Hang = false;
        _gate.Release(1000);
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var received = new ReceivedWebhook(
            context.Request.Path,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body.ToArray(),
            DateTimeOffset.UtcNow);
        lock (_received)
        {
            _received.Add(received);
        }

        await _arrivals.Writer.WriteAsync(received);
        if (Hang)
        {
            await _gate.WaitAsync();
        }

        context.Response.StatusCode = StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _gate.Dispose();
    }
}

/// <summary>One request the <see cref="WebhookReceiver"/> got: its headers and its raw body, as a receiver would check them.</summary>
public sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset ReceivedAt)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}
