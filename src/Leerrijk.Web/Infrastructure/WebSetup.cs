using Leerrijk.Web.Infrastructure.Forms;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Infrastructure;

/// <summary>
/// Registers the web host's shared parts: logs, public links, localization, Razor Pages (features add their own
/// folder conventions and filters), and the API's problem details and OpenAPI document.
/// </summary>
public static class WebSetup
{
    /// <summary>Logs: readable in Development, one JSON object per line everywhere else.</summary>
    public static ILoggingBuilder AddLeerrijkLogging(this ILoggingBuilder logging, IHostEnvironment environment)
    {
        if (!environment.IsDevelopment())
        {
            logging.ClearProviders();
            logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }

        return logging;
    }

    /// <summary>Absolute links for e-mails; start-up stops outside Development and Testing without a public address.</summary>
    public static IServiceCollection AddPublicLinks(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        PublicLinks.RequireBaseUrl(configuration, environment);
        return services.AddSingleton<PublicLinks>();
    }

    /// <summary>Razor Pages under /Features, in Dutch or English, with model binding's own messages localized.</summary>
    public static IServiceCollection AddLeerrijkPages(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddOptions<RequestLocalizationOptions>().Configure<Leerrijk.Scoring.Languages.LanguageRegistry>(LocalizationSetup.ConfigureRequestLocalization);
        services.AddRazorPages(options => options.RootDirectory = "/Features")
            .AddMvcOptions(options =>
            {
                options.ModelBinderProviders.Insert(0, new CheckboxModelBinderProvider());

                // jQuery-style keys ("a[b]") are not used by any form, and the reader throws on a malformed one (found by fuzzing).
                var jQueryStyle = options.ValueProviderFactories
                    .Where(f => f is JQueryFormValueProviderFactory or JQueryQueryStringValueProviderFactory)
                    .ToList();
                jQueryStyle.ForEach(f => options.ValueProviderFactories.Remove(f));
            })
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
            .AddViewLocalization();
        services.AddOptions<MvcOptions>()
            .Configure<IStringLocalizerFactory>((mvc, factory) => LocalizationSetup.LocalizeModelBindingMessages(mvc.ModelBindingMessageProvider, factory));
        return services;
    }

    /// <summary>RFC 9457 problem details for every API error, and the OpenAPI description of the API.</summary>
    public static IServiceCollection AddLeerrijkApi(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemText.Describe);
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Leerrijk API";
            document.Info.Description =
                "Rounds, reports, action plans, caseloads and programme figures of Leerrijk, under the same tenancy, consent and anonymity rules " +
                "as the pages, and anonymous responses to open rounds. Send a personal API token (made at /account/api-sleutels) as " +
                "'Authorization: Bearer lrk_…'; each endpoint names the token scope it needs. Errors are RFC 9457 problem details; a refused " +
                "token says why ('reason': malformed, unknown, revoked, expired, account_disabled) and a missing scope which ('requiredScope').";
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>
    /// Puts an example of the success answer (and of the request body, if given) into the endpoint's OpenAPI operation,
    /// serialized the way the API serializes it, so the reference shows a real-looking answer.
    /// </summary>
    public static TBuilder WithExamples<TBuilder>(this TBuilder builder, int status, object response, object? request = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            var json = context.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            if (operation.Responses?.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var answer) == true
                && answer.Content?.TryGetValue("application/json", out var media) == true)
            {
                media.Example = System.Text.Json.JsonSerializer.SerializeToNode(response, json);
            }

            if (request is not null && operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
            {
                body.Example = System.Text.Json.JsonSerializer.SerializeToNode(request, json);
            }

            return Task.CompletedTask;
        });

    /// <summary>The OpenAPI document at <c>/api/openapi/v1.json</c>.</summary>
    public static IEndpointRouteBuilder MapLeerrijkApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/api/openapi/{documentName}.json");
        return app;
    }

    /// <summary>
    /// Whether a request is for the API, which answers with problem details instead of pages. A browser asking for a
    /// page at an API address (a form posted there) gets the error page in its language instead of plain text.
    /// </summary>
    public static bool IsApiRequest(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !ProblemText.WantsPage(context);
}
