using Markdig;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Webhooks;

/// <summary>How a receiver checks a webhook's signature: docs/webhooks.md from the repository, shown as it is shipped.</summary>
public sealed class GuideModel : PageModel
{
    public static readonly string DocumentPath = Path.Combine(AppContext.BaseDirectory, "docs", "webhooks.md");

    /// <summary>Raw HTML is switched off: the file is ours and reviewed like code, but it stays text all the same.</summary>
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();

    private static readonly Lazy<string> Rendered = new(() => Markdown.ToHtml(System.IO.File.ReadAllText(DocumentPath), Pipeline));

    public string Html => Rendered.Value;

    public void OnGet()
    {
    }
}
