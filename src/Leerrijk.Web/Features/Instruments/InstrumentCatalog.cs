using Leerrijk.Scoring.Instruments;
using Leerrijk.Scoring.Languages;
using Leerrijk.Web.Infrastructure.Localization;

namespace Leerrijk.Web.Features.Instruments;

/// <summary>The instruments this installation offers, loaded once at start-up from content/instruments.</summary>
/// <remarks>
/// Loading is strict: one mistake in any file stops start-up with the file, the path inside it and what is wrong,
/// so a half-valid library is never served. <c>Instruments:Folder</c> points elsewhere (tests, a region's own set).
/// New rounds use the current version of a file; a round keeps the version it started on, so earlier versions are
/// kept in <c>archive/</c> and found with <see cref="Find(string?, int)"/>. Registered respondent languages beyond
/// Dutch and English come from overlay files in <c>translations/&lt;language&gt;/</c> (or <c>Instruments:TranslationsFolder</c>),
/// applied to the version each file names; <see cref="Instrument.Languages"/> says which a version can be read in.
/// </remarks>
public sealed class InstrumentCatalog
{
    private readonly Dictionary<string, Instrument> _byId;

    private readonly Dictionary<(string Id, int Version), Instrument> _byVersion;

    public InstrumentCatalog(IReadOnlyList<Instrument> instruments, IReadOnlyList<Instrument>? archived = null)
    {
        All = instruments.OrderBy(i => i.IsModule).ThenBy(i => i.Title.Nl, StringComparer.Ordinal).ToList();
        _byId = instruments.ToDictionary(i => i.Id, StringComparer.Ordinal);
        _byVersion = (archived ?? []).Concat(instruments).ToDictionary(i => (i.Id, i.Version));
    }

    /// <summary>The current version of every instrument: what new rounds and the library offer.</summary>
    public IReadOnlyList<Instrument> All { get; }

    /// <summary>The current version of an instrument.</summary>
    public Instrument? Find(string? id) => id is null ? null : _byId.GetValueOrDefault(id);

    /// <summary>One version of an instrument, current or archived: what a round that started on it uses.</summary>
    public Instrument? Find(string? id, int version) => id is null ? null : _byVersion.GetValueOrDefault((id, version));

    public static InstrumentCatalog Load(IConfiguration configuration, LanguageRegistry? languages = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        languages ??= LocalizationSetup.LoadLanguages(configuration);
        var folder = configuration["Instruments:Folder"];
        folder = string.IsNullOrWhiteSpace(folder) ? Path.Combine(AppContext.BaseDirectory, "content", "instruments") : folder;
        var translations = configuration["Instruments:TranslationsFolder"];
        translations = string.IsNullOrWhiteSpace(translations) ? Path.Combine(folder, InstrumentTranslations.Folder) : translations;
        try
        {
            var loaded = InstrumentLoader.LoadFolder(folder);
            var old = InstrumentLoader.LoadArchive(Path.Combine(folder, InstrumentLoader.ArchiveFolder));
            var translated = InstrumentTranslations.Apply([.. loaded, .. old], translations, languages.Codes);
            var current = translated.Take(loaded.Count).ToList();
            var archived = translated.Skip(loaded.Count).ToList();
            var problems = archived
                .Where(old => current.FirstOrDefault(i => i.Id == old.Id) is not { } now || old.Version >= now.Version)
                .Select(old => $"{InstrumentLoader.ArchiveFolder}/{old.Id}.v{old.Version}.yaml: an archived version must be older than a current file with the same id")
                .ToList();
            return problems.Count > 0 ? throw new InstrumentLoadException(problems) : new InstrumentCatalog(current, archived);
        }
        catch (InstrumentLoadException ex)
        {
            throw new InvalidOperationException($"The instruments in {folder} cannot be used. Fix these problems and start again:{Environment.NewLine}{ex.Message}", ex);
        }
    }
}
