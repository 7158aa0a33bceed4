using System.Text.Json;
using Leerrijk.Web.Features.Instruments;

namespace Leerrijk.Web.Features.Programmes;

/// <summary>
/// National figures of the SER/TNO Monitor Leercultuur for dimensions whose construct matches (autonomy, variety,
/// supervisor involvement), from content/reference/national-learning-culture.json. Checked at start-up: every entry
/// names an existing instrument dimension, an https source and the day it was checked; a missing figure stays empty.
/// </summary>
public sealed class NationalReference
{
    private readonly Dictionary<(string, string), NationalFigure> _byDimension;

    public NationalReference(IEnumerable<NationalFigure> figures) =>
        _byDimension = figures.ToDictionary(f => (f.InstrumentId, f.DimensionId));

    public IReadOnlyCollection<NationalFigure> All => _byDimension.Values;

    public NationalFigure? For(string instrumentId, string dimensionId) => _byDimension.GetValueOrDefault((instrumentId, dimensionId));

    public static NationalReference Load(string path, InstrumentCatalog catalog)
    {
        var file = JsonSerializer.Deserialize<NationalFile>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"{path}: empty file.");
        foreach (var (figure, i) in file.Items.Select((f, i) => (f, i)))
        {
            var where = $"{path}: items[{i}]";
            if (catalog.Find(figure.InstrumentId) is not { } instrument || instrument.Dimensions.All(d => d.Id != figure.DimensionId))
            {
                throw new InvalidOperationException($"{where}: '{figure.InstrumentId}/{figure.DimensionId}' is not a dimension of an instrument. Use the ids in content/instruments.");
            }

            if (!Uri.TryCreate(figure.Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
            {
                throw new InvalidOperationException($"{where}: url must be an https address of the source.");
            }

            if (figure.Percent is < 0 or > 100 || string.IsNullOrWhiteSpace(figure.Source) || string.IsNullOrWhiteSpace(figure.Statement.Nl) || string.IsNullOrWhiteSpace(figure.Statement.En))
            {
                throw new InvalidOperationException($"{where}: percent must be 0–100 or null, and source and both statements must be filled in.");
            }
        }

        return new NationalReference(file.Items);
    }

    private sealed record NationalFile(List<NationalFigure> Items);
}

/// <summary>One national figure: the dimension it stands beside, the percentage (null when the source gives none), the statement in both languages and its source.</summary>
public sealed record NationalFigure(string InstrumentId, string DimensionId, double? Percent, NationalStatement Statement, string Source, string Url, int? Year, DateOnly CheckedOn);

/// <summary>The national figure in words, in Dutch and English.</summary>
public sealed record NationalStatement(string Nl, string En)
{
    public string For(string language) => language == "en" ? En : Nl;
}
