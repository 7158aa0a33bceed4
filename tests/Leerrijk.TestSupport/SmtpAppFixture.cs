using System.Globalization;
using Xunit;

namespace Leerrijk.TestSupport;

/// <summary>The real app with mail going over SMTP to a <see cref="SmtpSink"/> the test reads.</summary>
public sealed class SmtpAppFixture : IAsyncLifetime
{
    public SmtpSink Sink { get; } = new();

    public LeerrijkAppFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new SmtpApp(Sink.Port);
        await App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)App).DisposeAsync();
        await Sink.DisposeAsync();
    }

    private sealed class SmtpApp(int port) : LeerrijkAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Mail:SmtpHost"] = "127.0.0.1",
            ["Mail:SmtpPort"] = port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Security"] = "None",
        };
    }
}
