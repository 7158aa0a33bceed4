using System.Security.Claims;
using Leerrijk.Web.Data;
using Leerrijk.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Leerrijk.Web.Features.Account;

/// <summary>
/// The one rule for who must log in in two steps: everyone who can see many companies' data (ASVS L2, ADR 0013) —
/// members of a support organisation in any role, and the platform roles Admin, ProgrammeManager and Adviser.
/// Everyone else may turn it on.
/// </summary>
public sealed class TwoFactorRequirement(LeerrijkDbContext db)
{
    /// <summary>The platform roles whose holders must use two-step log-in; Editor only edits public content.</summary>
    public static readonly IReadOnlyList<string> PlatformRolesThatNeedIt = [PlatformRoles.Admin, PlatformRoles.ProgrammeManager, PlatformRoles.Adviser];

    /// <summary>
    /// Whether the account must use two-step log-in and whether it has, read fresh in one query (the membership and
    /// role indexes), so someone added to a support organisation meets the rule on their very next request.
    /// Null for an account that no longer exists.
    /// </summary>
    public Task<TwoFactorState?> StateAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var roles = PlatformRolesThatNeedIt.ToArray();
        return db.Users
            .Where(u => u.Id == userId)
            .Select(u => new TwoFactorState(
                db.SupportMemberships.Any(m => m.UserId == u.Id)
                    || db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!))),
                u.TwoFactorEnabled))
            .SingleOrDefaultAsync(cancellationToken);
    }
}

/// <summary>What <see cref="TwoFactorRequirement"/> found for one account.</summary>
public sealed record TwoFactorState(bool Required, bool Enabled)
{
    /// <summary>The account must use two-step log-in but has not set it up yet.</summary>
    public bool Missing => Required && !Enabled;
}

/// <summary>
/// Enforces <see cref="TwoFactorRequirement"/> on every request of a signed-in account: one that must use two-step
/// log-in but has not set it up is sent to /Account/TwoFactor (API callers get 403 problem details) for everything
/// but what it needs to set it up or to leave: that page, log-out, the language switch, error pages, health and files.
/// </summary>
public sealed class TwoFactorEnforcement(RequestDelegate next)
{
    public const string SetupPath = "/Account/TwoFactor";

    private static readonly PathString[] Open = [SetupPath, "/Account/Logout", "/language", "/error", "/health"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true
            || !Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            || IsOpen(context))
        {
            await next(context);
            return;
        }

        var state = await context.RequestServices.GetRequiredService<TwoFactorRequirement>().StateAsync(userId, context.RequestAborted);
        if (state is not { Missing: true })
        {
            await next(context);
            return;
        }

        if (WebSetup.IsApiRequest(context))
        {
            var l = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: l["TwoFactor.ApiTitle"], detail: l["TwoFactor.ApiDetail"])
                .ExecuteAsync(context);
            return;
        }

        // A page asked for by GET is where the person wanted to go: come back there once it is set up.
        var target = HttpMethods.IsGet(context.Request.Method)
            ? SetupPath + QueryString.Create("returnUrl", context.Request.PathBase + context.Request.Path + context.Request.QueryString)
            : SetupPath;
        context.Response.Redirect(target);
    }

    /// <summary>Files have no company data, and no endpoint means a 404 page; the rest of <see cref="Open"/> is named above.</summary>
    private static bool IsOpen(HttpContext context) =>
        context.GetEndpoint() is not { } endpoint
        || endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null
        || Array.Exists(Open, p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Identity's sign-in, except that a browser remembered at an earlier two-step log-in does not skip the code for an
/// account that must use it (someone who turned it on as an owner and later joined a support organisation).
/// </summary>
public sealed class LeerrijkSignInManager(
    UserManager<ApplicationUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    TwoFactorRequirement requirement)
    : SignInManager<ApplicationUser>(users, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> IsTwoFactorClientRememberedAsync(ApplicationUser user) =>
        await base.IsTwoFactorClientRememberedAsync(user) && (await requirement.StateAsync(user.Id))?.Required != true;
}
