using System.Security.Claims;
using System.Text.Encodings.Web;
using Leerrijk.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Leerrijk.Web.Features.Api;

/// <summary>
/// Signs in an API caller by the personal token in <c>Authorization: Bearer …</c>. A token that is malformed, unknown,
/// revoked or expired, or whose person can no longer log in, signs in nobody and leaves the reason on the request
/// (<see cref="ApiTokenRejection"/>), so the 401 names it.
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, LeerrijkDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "LeerrijkApiToken";

    /// <summary>How often at most the last-use time is written.</summary>
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    /// <summary>Whether a request carries a bearer token for the API, which this scheme (not the log-in cookie) then decides.</summary>
    public static bool CarriesToken(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        if (!ApiToken.TryParse(presented, out var id, out var secret))
        {
            return Reject(ApiTokenProblem.Malformed);
        }

        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id, Context.RequestAborted);
        if (token is null || !token.Matches(secret))
        {
            return Reject(ApiTokenProblem.Unknown);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (token.RevokedAtUtc is not null)
        {
            return Reject(ApiTokenProblem.Revoked);
        }

        if (token.ExpiresAtUtc <= now)
        {
            return Reject(ApiTokenProblem.Expired);
        }

        // A token acts for its person: an account that is gone or disabled (locked out for good, Identity's way of disabling)
        // signs in no more by token than by password. A lockout of minutes after wrong passwords does not stop the token,
        // or anyone could break a company's integration by guessing at its owner's log-in.
        var user = await db.Users.Where(u => u.Id == token.UserId).Select(u => new { u.UserName, u.LockoutEnd }).SingleOrDefaultAsync(Context.RequestAborted);
        if (user is null || user.LockoutEnd > clock.GetUtcNow().AddYears(1))
        {
            return Reject(ApiTokenProblem.AccountDisabled);
        }

        if (token.LastUsedAtUtc is not { } last || now - last >= LastUseResolution)
        {
            token.LastUsedAtUtc = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        Context.Features.Set(new ApiTokenUse(token.Id, token.UserId, token.OrganisationId, token.SupportOrganisationId, token.Scopes));
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, token.UserId.ToString()), new Claim(ClaimTypes.Name, user.UserName ?? "")],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private AuthenticateResult Reject(ApiTokenProblem problem)
    {
        Context.Features.Set(new ApiTokenRejection(problem));
        return AuthenticateResult.Fail(problem.ToString());
    }
}

/// <summary>Why a presented token signed in nobody.</summary>
public enum ApiTokenProblem
{
    Malformed,
    Unknown,
    Revoked,
    Expired,
    AccountDisabled,
}

/// <summary>On a request whose bearer token was refused: why.</summary>
public sealed record ApiTokenRejection(ApiTokenProblem Problem);

/// <summary>On a request signed in by a token: which token, for whom, where, and for what.</summary>
public sealed record ApiTokenUse(Guid TokenId, Guid UserId, Guid? OrganisationId, Guid? SupportOrganisationId, ApiScope Scopes)
{
    public bool Allows(ApiScope scope) => scope != ApiScope.None && (Scopes & scope) == scope;
}

/// <summary>Registers the token scheme beside the log-in cookie: requests to /api with a bearer token use it, all others the cookie.</summary>
public static class ApiTokenAuthenticationSetup
{
    private const string Selector = "LeerrijkCookieOrToken";

    public static IServiceCollection AddApiTokenAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddPolicyScheme(Selector, null, o => o.ForwardDefaultSelector = context =>
                ApiTokenAuthentication.CarriesToken(context) ? ApiTokenAuthentication.SchemeName : IdentityConstants.ApplicationScheme);

        // Only who is signing in is chosen here; challenges and sign-in stay with Identity's cookie.
        services.Configure<AuthenticationOptions>(o => o.DefaultAuthenticateScheme = Selector);
        return services;
    }
}
