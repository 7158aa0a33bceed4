using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Leerrijk.Web.Infrastructure.Pdf;

/// <summary>
/// Renders a Razor partial view to a string, so a page handler can hand the same HTML that the print view shows to
/// <see cref="PdfPrinter"/>. The partial's <c>@inject</c>s (such as <c>L</c>) come from the request's services and
/// its texts follow the request's culture, exactly as when the partial is part of a page.
/// </summary>
public sealed class ViewRenderer(IRazorViewEngine viewEngine, ITempDataProvider tempDataProvider, IModelMetadataProvider metadataProvider)
{
    /// <summary>Renders <paramref name="viewPath"/> with <paramref name="model"/>.</summary>
    /// <param name="actionContext">The request's context; from a page handler pass <c>PageContext</c>.</param>
    /// <param name="viewPath">
    /// An app-relative path such as <c>/Features/Reports/_ReportDocument.cshtml</c>, or a partial name that is found
    /// the way <c>&lt;partial name="…"&gt;</c> finds it from the current page.
    /// </param>
    /// <param name="model">The partial's model.</param>
    /// <param name="viewData">The page's <c>ViewData</c> to pass on, if the partial reads any; the model replaces its model.</param>
    public async Task<string> RenderPartialAsync<TModel>(ActionContext actionContext, string viewPath, TModel model, ViewDataDictionary? viewData = null)
    {
        ArgumentNullException.ThrowIfNull(actionContext);
        ArgumentException.ThrowIfNullOrWhiteSpace(viewPath);

        var view = FindView(actionContext, viewPath);
        var data = viewData is null
            ? new ViewDataDictionary<TModel>(metadataProvider, actionContext.ModelState) { Model = model }
            : new ViewDataDictionary<TModel>(viewData, model);
        var tempData = new TempDataDictionary(actionContext.HttpContext, tempDataProvider);

        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var viewContext = new ViewContext(actionContext, view, data, tempData, writer, new HtmlHelperOptions());
        await view.RenderAsync(viewContext);
        return writer.ToString();
    }

    private IView FindView(ActionContext actionContext, string viewPath)
    {
        // A partial is not a main page: no _ViewStart, so no layout is wrapped around it.
        var byPath = viewEngine.GetView(executingFilePath: null, viewPath, isMainPage: false);
        if (byPath.Success)
        {
            return byPath.View;
        }

        var byName = viewEngine.FindView(actionContext, viewPath, isMainPage: false);
        if (byName.Success)
        {
            return byName.View;
        }

        var searched = byPath.SearchedLocations.Concat(byName.SearchedLocations);
        throw new InvalidOperationException($"The view '{viewPath}' was not found. Searched: {string.Join(", ", searched)}");
    }
}
