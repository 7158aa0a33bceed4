using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.Infrastructure;

/// <summary>Files for people to look at after a run, written only when TEST_ARTIFACTS names a folder.</summary>
public static class Artifacts
{
    public static string? Folder =>
        Environment.GetEnvironmentVariable("TEST_ARTIFACTS") is { Length: > 0 } folder ? folder : null;

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Folder is not { } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        // JPEG rather than PNG: Chromium encodes a long page as PNG far more slowly, and these are for people to look at.
        await page.ScreenshotAsync(new()
        {
            Path = Path.Combine(folder, SafeFileName(name) + ".jpg"),
            FullPage = true,
            Type = ScreenshotType.Jpeg,
            Quality = 80,
        });
    }

    public static async Task WriteTextAsync(string name, string text)
    {
        if (Folder is not { } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, SafeFileName(name)), text);
    }

    private static string SafeFileName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return new string([.. name.Select(c => invalid.Contains(c) || c == ' ' ? '_' : c)]);
    }
}
