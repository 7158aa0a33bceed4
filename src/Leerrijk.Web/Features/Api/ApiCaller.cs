using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Api;

/// <summary>
/// The API's answers about who is calling, shared by every endpoint filter so a refused token reads the same everywhere:
/// 401 naming why a token was refused, 401 for no log-in, 403 naming the scope a token lacks.
/// </summary>
public static class ApiCaller
{
    /// <summary>
    /// A refusal before any tenancy decision, or null to go on: a bearer token that was refused (401 with the reason), or
    /// a change (anything but GET) made with the log-in cookie instead of a token, which the API does not accept so that
    /// no other site can make a signed-in browser change anything.
    /// </summary>
    public static IResult? Refusal(HttpContext context, IStringLocalizer<SharedResource> l)
    {
        if (context.Features.Get<ApiTokenRejection>() is { } rejection)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: l["Api.Token.RefusedTitle"],
                detail: l[$"Api.Token.{rejection.Problem}"],
                extensions: new Dictionary<string, object?> { ["reason"] = ReasonCode(rejection.Problem) });
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            && context.User.Identity?.IsAuthenticated == true && context.Features.Get<ApiTokenUse>() is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: l["Api.Token.NeededTitle"], detail: l["Api.Token.NeededDetail"]);
        }

        return null;
    }

    public static IResult NotSignedIn(IStringLocalizer<SharedResource> l) =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: l["Api.SignInTitle"], detail: l["Api.SignInDetail"]);

    public static IResult ScopeMissing(ApiScope scope, IStringLocalizer<SharedResource> l) =>
        Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: l["Api.Token.ScopeTitle"],
            detail: l["Api.Token.ScopeDetail", l[$"Api.Scope.{scope}"]],
            extensions: new Dictionary<string, object?> { ["requiredScope"] = ScopeCode(scope) });

    /// <summary>The stable name of a scope for integrators (it does not change with the page language).</summary>
    public static string ScopeCode(ApiScope scope) => scope switch
    {
        ApiScope.ReadReports => "reports:read",
        ApiScope.ReadPlans => "plans:read",
        ApiScope.ManageRounds => "rounds:manage",
        ApiScope.ReadProgrammeFigures => "programmes:read",
        _ => scope.ToString(),
    };

    private static string ReasonCode(ApiTokenProblem problem) => problem switch
    {
        ApiTokenProblem.Malformed => "malformed",
        ApiTokenProblem.Unknown => "unknown",
        ApiTokenProblem.Revoked => "revoked",
        ApiTokenProblem.Expired => "expired",
        _ => "account_disabled",
    };
}

/// <summary>The token rule for endpoints that work for a support organisation rather than inside one company.</summary>
public static class SupportTokenRule
{
    /// <summary>
    /// Null when the request may go on for <paramref name="supportOrganisationId"/>: signed in with the log-in cookie (the
    /// endpoint's own membership check decides), or with a token of that support organisation holding <paramref name="scope"/>.
    /// A company's token, or another support organisation's, gets 404 as if the support organisation did not exist.
    /// </summary>
    public static IResult? Check(HttpContext context, Guid supportOrganisationId, ApiScope scope, IResult notFound, IStringLocalizer<SharedResource> l)
    {
        if (context.Features.Get<ApiTokenUse>() is not { } token)
        {
            return null;
        }

        if (token.SupportOrganisationId != supportOrganisationId)
        {
            return notFound;
        }

        return token.Allows(scope) ? null : ApiCaller.ScopeMissing(scope, l);
    }
}
