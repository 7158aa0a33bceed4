using Leerrijk.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Leerrijk.Web.Features.Errors;

/// <summary>One page for every error status, telling people in their language what happened and what to do next.</summary>
/// <remarks>
/// The status code pages middleware re-executes failed requests here with their original method, so the page
/// answers every method, skips antiforgery (a missing token is often why we are here) and is never rate limited.
/// </remarks>
[IgnoreAntiforgeryToken]
[DisableRateLimiting]
[ResponseCache(NoStore = true)]
public sealed class ErrorModel : PageModel
{
    private static readonly int[] Known = [400, 403, 404, 405, 413, 429, 500, 503];

    public int Code { get; private set; }

    /// <summary>True when the form was refused for a character that cannot be stored: the page says so instead of the general 400 text.</summary>
    public bool UnstorableCharacter => Code == 400 && HttpContext.Items.ContainsKey(Leerrijk.Web.Infrastructure.Security.RequestLimitMiddleware.UnstorableCharacterKey);

    public string TitleKey => UnstorableCharacter ? "Input.UnstorableForm.Title" : $"Error.{Code}.Title";

    public string TextKey => UnstorableCharacter ? "Input.UnstorableForm.Text" : $"Error.{Code}.Text";

    public int? RetryAfterSeconds { get; private set; }

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    public void OnPut(int? code) => Describe(code);

    public void OnDelete(int? code) => Describe(code);

    private void Describe(int? code)
    {
        // After an exception the handler has chosen the status (500, or 503 when the database is briefly away);
        // visited directly (not re-executed), the page keeps status 200 but still explains the code asked for.
        var afterException = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>() is not null;
        var status = afterException ? Response.StatusCode : code ?? Response.StatusCode;
        Code = Array.IndexOf(Known, status) >= 0 ? status : status >= 500 ? 500 : 400;
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null && !afterException)
        {
            Response.StatusCode = StatusCodes.Status200OK;
        }

        if (Code == 503 && afterException)
        {
            Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Code is 429 or 503 && int.TryParse(Response.Headers.RetryAfter, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            RetryAfterSeconds = seconds;
        }
    }
}
