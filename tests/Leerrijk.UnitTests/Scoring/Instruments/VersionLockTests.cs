using System.Globalization;
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
                problems.Add($"{instrument.Id} is at version {instrument.Version}: keep version {entry.Version} for its rounds by copying the file as it was "
                    + $"to archive/{instrument.Id}.v{entry.Version}.yaml and adding \"archive\": {{ \"{entry.Version}\": \"{entry.Fingerprint}\" }}, then update the lock to {line}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_earlier_version_is_archived_unchanged()
    {
        var locked = ReadLock();
        var archived = InstrumentLoader.LoadArchive(RepositoryPaths.Of("content", "instruments", InstrumentLoader.ArchiveFolder))
            .ToDictionary(i => (i.Id, i.Version));
        var problems = new List<string>();
        foreach (var (id, entry) in locked)
        {
            // A round keeps the version it started on, so every version below the current one must still be loadable.
            for (var version = 1; version < entry.Version; version++)
            {
                if (entry.Archive?.GetValueOrDefault(version.ToString(CultureInfo.InvariantCulture)) is not { } fingerprint)
                {
                    problems.Add($"{id} version {version} is not in the lock's archive list; rounds may still use it");
                }
                else if (!archived.TryGetValue((id, version), out var old))
                {
                    problems.Add($"{id} version {version} is missing: restore archive/{id}.v{version}.yaml from git history");
                }
                else if (InstrumentFingerprint.Of(old) != fingerprint)
                {
                    problems.Add($"archive/{id}.v{version}.yaml was changed after it was archived; restore it from git history");
                }
            }
        }

        foreach (var (id, version) in archived.Keys.Where(k => !locked.TryGetValue(k.Id, out var entry) || k.Version >= entry.Version))
        {
            problems.Add($"archive/{id}.v{version}.yaml is not an earlier version of a locked instrument");
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

    private sealed record LockEntry(int Version, string Fingerprint, Dictionary<string, string>? Archive = null);
}
