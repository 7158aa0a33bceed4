using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Leerrijk.Scoring.Instruments;

/// <summary>
/// A hash of everything a respondent sees or a score depends on (ids, wording, scale, scoring rules, phases),
/// but not of comments or layout in the file. A round stores it with the version it started on, and the
/// version lock test uses it to demand a new version whenever the wording changes.
/// </summary>
public static class InstrumentFingerprint
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public static string Of(Instrument instrument)
    {
        var json = JsonSerializer.Serialize(instrument with { Version = 0 }, Options);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16];
    }
}
