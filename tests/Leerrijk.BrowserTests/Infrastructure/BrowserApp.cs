namespace Leerrijk.BrowserTests.Infrastructure;

/// <summary>
/// The real app on a real Kestrel port on 127.0.0.1, so a real browser can reach it. Everything else
/// (database, mail folder, settings) comes from <see cref="LeerrijkAppFactory"/>.
/// </summary>
/// <remarks>Under Kestrel <c>Server</c> throws; the address is <see cref="BaseAddress"/>.</remarks>
public sealed class BrowserApp : LeerrijkAppFactory
{
    public Uri BaseAddress => ClientOptions.BaseAddress;

    public override async Task InitializeAsync()
    {
        // The database must exist first: ConfigureWebHost reads its connection string.
        await base.InitializeAsync();
        UseKestrel(0);
        StartServer();
        if (!BaseAddress.IsLoopback || BaseAddress.Port == 0)
        {
            throw new InvalidOperationException($"Kestrel did not report a local port: {BaseAddress}.");
        }
    }
}
