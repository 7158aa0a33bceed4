using System.Globalization;
using System.Text.Json;

namespace Leerrijk.Web.Features.Reference;

/// <summary>The public reference lists an organisation profile is chosen from: provinces, labour-market regions, SBI sections.</summary>
/// <remarks>They are content files (content/reference), loaded once at start-up; a broken file stops the app with its name.</remarks>
public sealed class ReferenceData
{
    private ReferenceData(IReadOnlyList<NamedItem> provinces, IReadOnlyList<NamedItem> regions, IReadOnlyList<SectorItem> sectors)
    {
        Provinces = provinces;
        LabourMarketRegions = regions;
        SbiSections = sectors;
    }

    public IReadOnlyList<NamedItem> Provinces { get; }

    public IReadOnlyList<NamedItem> LabourMarketRegions { get; }

    public IReadOnlyList<SectorItem> SbiSections { get; }

    public bool IsProvince(string? id) => Provinces.Any(p => p.Id == id);

    public bool IsLabourMarketRegion(string? id) => LabourMarketRegions.Any(r => r.Id == id);

    public bool IsSbiSection(string? id) => SbiSections.Any(s => s.Id == id);

    public string ProvinceName(string id) => Provinces.FirstOrDefault(p => p.Id == id)?.Name ?? id;

    public string RegionName(string id) => LabourMarketRegions.FirstOrDefault(p => p.Id == id)?.Name ?? id;

    public string SectorName(string id, CultureInfo culture) =>
        SbiSections.FirstOrDefault(s => s.Id == id)?.NameFor(culture) ?? id;

    public static ReferenceData Load(string directory)
    {
        return new ReferenceData(
            Read<NamedItem>(directory, "provinces.json", expected: 12),
            Read<NamedItem>(directory, "labour-market-regions.json", expected: 35),
            Read<SectorItem>(directory, "sbi-sections.json", expected: 21));
    }

    private static List<T> Read<T>(string directory, string fileName, int expected)
        where T : IReferenceItem
    {
        var path = Path.Combine(directory, fileName);
        ReferenceFile<T>? file;
        try
        {
            using var stream = File.OpenRead(path);
            file = JsonSerializer.Deserialize<ReferenceFile<T>>(stream, JsonOptions);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{fileName}: cannot be read: {ex.Message}", ex);
        }

        var items = file?.Items ?? [];
        if (items.Count != expected)
        {
            throw new InvalidOperationException($"{fileName}: items has {items.Count} entries, expected {expected}");
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(items[i].Id))
            {
                throw new InvalidOperationException($"{fileName}: items[{i}].id is missing");
            }
        }

        var duplicate = items.GroupBy(i => i.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"{fileName}: id '{duplicate.Key}' appears more than once");
        }

        return items;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed record ReferenceFile<T>(List<T> Items);
}

public interface IReferenceItem
{
    string Id { get; }
}

public sealed record NamedItem(string Id, string Name) : IReferenceItem;

public sealed record SectorItem(string Id, string Nl, string En) : IReferenceItem
{
    public string NameFor(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" ? En : Nl;
}
