using System.Globalization;
using System.Text.Encodings.Web;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Infrastructure.Pdf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Infrastructure;

/// <summary>Renders a real partial of the app the way a page handler would before handing the HTML to the PDF printer.</summary>
public sealed class ViewRendererTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private const string QuestionPartial = "/Features/Instruments/_Question.cshtml";

    [Theory]
    [InlineData("nl", "Helemaal oneens", "Weet ik niet / niet van toepassing")]
    [InlineData("en", "Strongly disagree", "Don&#x27;t know / not applicable")]
    public async Task Renders_a_partial_with_its_model_and_the_localizer_in_the_current_language(string language, string firstPoint, string dontKnow)
    {
        using var scope = app.Services.CreateScope();
        var question = Question(language, selected: "2");

        var html = await WithUiCultureAsync(language, () =>
            scope.ServiceProvider.GetRequiredService<ViewRenderer>().RenderPartialAsync(ActionContextFor(scope), QuestionPartial, question));

        Assert.Contains("<fieldset class=\"question\">", html);
        var encoder = scope.ServiceProvider.GetRequiredService<HtmlEncoder>();
        Assert.Contains(encoder.Encode(question.Item.TextFor(question.Role).For(language)), html);
        Assert.Contains(firstPoint, html);
        Assert.Contains(dontKnow, html);
        Assert.Contains("value=\"2\" checked=\"checked\"", html);
        Assert.DoesNotContain("<html", html);
    }

    [Fact]
    public async Task An_unknown_view_names_the_places_it_looked()
    {
        using var scope = app.Services.CreateScope();
        var renderer = scope.ServiceProvider.GetRequiredService<ViewRenderer>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            renderer.RenderPartialAsync(ActionContextFor(scope), "/Features/Nowhere/_Missing.cshtml", new object()));

        Assert.Contains("/Features/Nowhere/_Missing.cshtml", error.Message);
    }

    [SkippableFact]
    public async Task A_rendered_partial_prints_as_a_pdf()
    {
        Skip.If(!app.Services.GetRequiredService<PdfPrinter>().IsAvailable && !IsCi, "No Chromium here; the PDF tests say how to install it.");
        using var scope = app.Services.CreateScope();
        var partial = await WithUiCultureAsync("nl", () =>
            scope.ServiceProvider.GetRequiredService<ViewRenderer>().RenderPartialAsync(ActionContextFor(scope), QuestionPartial, Question("nl", null)));
        var document = $"<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><style>@page {{ size: A4; margin: 20mm }}</style></head><body>{partial}</body></html>";

        var pdf = await app.Services.GetRequiredService<PdfPrinter>().PrintAsync(document, CancellationToken.None);

        Assert.True(pdf.AsSpan().StartsWith("%PDF-"u8));
    }

    [Fact]
    public void The_printer_is_shared_and_the_renderer_belongs_to_a_request()
    {
        using var one = app.Services.CreateScope();
        using var two = app.Services.CreateScope();

        Assert.Same(one.ServiceProvider.GetRequiredService<PdfPrinter>(), two.ServiceProvider.GetRequiredService<PdfPrinter>());
        Assert.NotSame(one.ServiceProvider.GetRequiredService<ViewRenderer>(), two.ServiceProvider.GetRequiredService<ViewRenderer>());
    }

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>What a page handler has as <c>PageContext</c>: a request whose services are the request's scope.</summary>
    private static ActionContext ActionContextFor(IServiceScope scope) =>
        new(new DefaultHttpContext { RequestServices = scope.ServiceProvider }, new RouteData(), new ActionDescriptor());

    private QuestionView Question(string language, string? selected)
    {
        var instrument = app.Services.GetRequiredService<InstrumentCatalog>().All.First(i => i.Scale == ScaleKind.Agreement5);
        return new QuestionView(instrument, instrument.Items[0], instrument.Roles[0], language, "q-test", selected);
    }

    private static async Task<T> WithUiCultureAsync<T>(string language, Func<Task<T>> action)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return await action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
