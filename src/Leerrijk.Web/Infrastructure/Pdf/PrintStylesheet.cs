namespace Leerrijk.Web.Infrastructure.Pdf;

/// <summary>The site's stylesheet, written into documents for the PDF printer (it fetches nothing itself).</summary>
public static class PrintStylesheet
{
    public static async Task<string> ReadAsync(IWebHostEnvironment environment, CancellationToken cancellationToken)
    {
        var file = environment.WebRootFileProvider.GetFileInfo("css/site.css");
        await using var stream = file.CreateReadStream();
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
