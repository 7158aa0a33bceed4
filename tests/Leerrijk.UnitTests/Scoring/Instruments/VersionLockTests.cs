using System.Text.Json;
using Leerrijk.Scoring.Instruments;

namespace Leerrijk.UnitTests.Scoring.Instruments;

/// <summary>
/// Ids are stable and a change of wording bumps the version: content/instruments/versions.lock.json records the
/// fingerprint of each instrument version, and this test fails when a fingerprint changes under the same version.
/// </summary>
public sealed class VersionLockTests
{
    private static readonly string LockPath = RepositoryPaths.Of("content", "instruments", "versions.lock.json");

    private static Dictionary<string, LockEntry> ReadLock() =>
        JsonSerializer.Deserialize<Dictionary<string, LockEntry>>(File.ReadAllText(LockPath), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    [Fact]
    public void Every_instrument_version_matches_its_locked_fingerprint()
    {
        var locked = ReadLock();
        var problems = new List<string>();
        foreach (var instrument in InstrumentLoader.LoadFolder(RepositoryPaths.Of("content", "instruments")))
        {
            var fingerprint = InstrumentFingerprint.Of(instrument);
            var line = $"\"{instrument.Id}\": {{ \"version\": {instrument.Version}, \"fingerprint\": \"{fingerprint}\" }}";
            if (!locked.TryGetValue(instrument.Id, out var entry))
            {
                problems.Add($"{instrument.Id} is not in versions.lock.json; add {line}");
            }
            else if (entry.Version == instrument.Version && entry.Fingerprint != fingerprint)
            {
                problems.Add($"{instrument.Id} changed but kept version {instrument.Version}: raise version to {instrument.Version + 1} in its file, then lock {line.Replace($"\"version\": {instrument.Version}", $"\"version\": {instrument.Version + 1}", StringComparison.Ordinal)}");
            }
            else if (entry.Version != instrument.Version && entry.Fingerprint == fingerprint)
            {
                problems.Add($"{instrument.Id} has a new version but nothing changed: keep version {entry.Version}");
            }
            else if (entry.Version > instrument.Version)
            {
                problems.Add($"{instrument.Id} went back from version {entry.Version} to {instrument.Version}: versions only rise");
            }
            else if (entry.Version < instrument.Version)
            {
                problems.Add($"{instrument.Id} is at version {instrument.Version}: update the lock to {line}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void A_change_of_wording_changes_the_fingerprint_and_a_comment_does_not()
    {
        var yaml = File.ReadAllText(RepositoryPaths.Of("content", "instruments", "leerrijk-teamscan.yaml"));
        var original = InstrumentFingerprint.Of(InstrumentLoader.Parse("a.yaml", yaml));

        var commented = InstrumentFingerprint.Of(InstrumentLoader.Parse("b.yaml", "# a new comment\n" + yaml));
        var reworded = InstrumentFingerprint.Of(InstrumentLoader.Parse("c.yaml", yaml.Replace("gewoon zeggen", "rustig zeggen", StringComparison.Ordinal)));
        var versioned = InstrumentFingerprint.Of(InstrumentLoader.Parse("d.yaml", yaml.Replace("version: 1", "version: 2", StringComparison.Ordinal)));

        Assert.Equal(original, commented);
        Assert.Equal(original, versioned);
        Assert.NotEqual(original, reworded);
    }

    private sealed record LockEntry(int Version, string Fingerprint);
}
