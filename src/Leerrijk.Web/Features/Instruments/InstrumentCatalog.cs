using Leerrijk.Scoring.Instruments;

namespace Leerrijk.Web.Features.Instruments;

/// <summary>The instruments this installation offers, loaded once at start-up from content/instruments.</summary>
/// <remarks>
/// Loading is strict: one mistake in any file stops start-up with the file, the path inside it and what is wrong,
/// so a half-valid library is never served. <c>Instruments:Folder</c> points elsewhere (tests, a region's own set).
/// </remarks>
public sealed class InstrumentCatalog
{
    private readonly Dictionary<string, Instrument> _byId;

    public InstrumentCatalog(IReadOnlyList<Instrument> instruments)
    {
        All = instruments.OrderBy(i => i.IsModule).ThenBy(i => i.Title.Nl, StringComparer.Ordinal).ToList();
        _byId = instruments.ToDictionary(i => i.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<Instrument> All { get; }

    public Instrument? Find(string? id) => id is null ? null : _byId.GetValueOrDefault(id);

    public static InstrumentCatalog Load(IConfiguration configuration)
    {
        var folder = configuration["Instruments:Folder"];
        folder = string.IsNullOrWhiteSpace(folder) ? Path.Combine(AppContext.BaseDirectory, "content", "instruments") : folder;
        try
        {
            return new InstrumentCatalog(InstrumentLoader.LoadFolder(folder));
        }
        catch (InstrumentLoadException ex)
        {
            throw new InvalidOperationException($"The instruments in {folder} cannot be used. Fix these problems and start again:{Environment.NewLine}{ex.Message}", ex);
        }
    }
}
