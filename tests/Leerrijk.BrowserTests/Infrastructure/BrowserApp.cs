namespace Leerrijk.BrowserTests.Infrastructure;

/// <summary>
/// The real app on a real Kestrel port on 127.0.0.1, so a real browser can reach it. Everything else
/// (database, mail folder, settings) comes from <see cref="LeerrijkAppFactory"/>.
/// </summary>
/// <remarks>Under Kestrel <c>Server</c> throws; the address is <see cref="BaseAddress"/>.</remarks>
public sealed class BrowserApp : LeerrijkAppFactory
{
    private readonly string _content = Directory.CreateTempSubdirectory("leerrijk-browser-content-").FullName;

    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <summary>
    /// The shipped languages plus the test-only ones in TestContent/ (Arabic, right to left, on one instrument), so the
    /// mirrored layout is tested without shipping Arabic: the registry and translation folder point at a copy of both.
    /// </summary>
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Languages:File"] = Path.Combine(_content, "languages.yaml"),
        ["Instruments:TranslationsFolder"] = Path.Combine(_content, "translations"),
    };

    private void ComposeContent()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "content");
        var test = Path.Combine(AppContext.BaseDirectory, "TestContent");
        File.WriteAllText(
            Path.Combine(_content, "languages.yaml"),
            File.ReadAllText(Path.Combine(shipped, "languages.yaml")).TrimEnd() + "\n" + File.ReadAllText(Path.Combine(test, "languages.yaml")));
        foreach (var source in new[] { Path.Combine(shipped, "instruments", "translations"), Path.Combine(test, "translations") })
        {
            foreach (var file in Directory.Exists(source) ? Directory.GetFiles(source, "*.yaml", SearchOption.AllDirectories) : [])
            {
                var target = Path.Combine(_content, "translations", Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }

    public override async Task InitializeAsync()
    {
        // The database must exist first: ConfigureWebHost reads its connection string.
        await base.InitializeAsync();
        ComposeContent();
        UseKestrel(0);
        StartServer();
        if (!BaseAddress.IsLoopback || BaseAddress.Port == 0)
        {
            throw new InvalidOperationException($"Kestrel did not report a local port: {BaseAddress}.");
        }
    }
}
