namespace Leerrijk.FaultTests.Harness;

/// <summary>
/// A tmpfs of a few megabytes mounted for one check (root only), so a database on it can be filled to the last byte
/// without touching the machine's own disk; a filler file takes the free space and gives it back.
/// </summary>
public sealed class SmallFilesystem : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private SmallFilesystem(string path) => Path = path;

    public string Path { get; }

    private string Filler => System.IO.Path.Combine(Path, "filler");

    public static async Task<SmallFilesystem> MountAsync(int megabytes, string? owner = null)
    {
        var path = Directory.CreateTempSubdirectory("leerrijk-full.").FullName;
        await Shell.RunAsync("mount", ["-t", "tmpfs", "-o", $"size={megabytes}m,mode=0777", "tmpfs", path], Limit);
        if (owner is not null)
        {
            await Shell.RunAsync("chown", [owner, path], Limit);
        }

        return new SmallFilesystem(path);
    }

    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>Writes a file until the filesystem has no byte left.</summary>
    public async Task FillAsync()
    {
        var block = new byte[64 * 1024];
        Random.Shared.NextBytes(block);
        await using var file = new FileStream(Filler, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
        var size = block.Length;
        while (size > 0)
        {
            try
            {
                await file.WriteAsync(block.AsMemory(0, size));
            }
            catch (IOException)
            {
                // ENOSPC: try smaller pieces until not even one byte fits.
                file.SetLength(file.Position);
                size /= 2;
            }
        }
    }

    /// <summary>Gives the space back, as an operator does by deleting old logs or growing the volume.</summary>
    public void Free() => File.Delete(Filler);

    public async ValueTask DisposeAsync()
    {
        await Shell.RunAsync("umount", ["-l", Path], Limit, check: false);
        Directory.Delete(Path, recursive: true);
    }
}
