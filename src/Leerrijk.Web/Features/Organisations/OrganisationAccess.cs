using System.Security.Claims;
using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Organisations;

/// <summary>
/// The one decision who may work in an organisation, shared by the page filter (<see cref="OrganisationTenancyFilter"/>)
/// and the API filter (<see cref="OrganisationEndpointFilter"/>). It is also the only code that enters a tenant.
/// </summary>
/// <remarks>
/// Today a person is admitted by a membership. A later access grant (an adviser with the company's consent, for a
/// scope) belongs in <see cref="RoleOfAsync"/>: every page and endpoint then honours it, and nothing else changes.
/// </remarks>
public sealed class OrganisationAccess(LeerrijkDbContext db, TenantContext tenant)
{
    /// <summary>
    /// Admits the signed-in person to <paramref name="organisationId"/> (null: none was found) when they may work in it and
    /// hold at least <paramref name="required"/>; on success enters the tenant and records the member on the request.
    /// </summary>
    public async Task<OrganisationAdmission> AdmitAsync(
        HttpContext context, Guid? organisationId, OrganisationRole? required, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return OrganisationAdmission.NotSignedIn;
        }

        if (organisationId is not { } organisation)
        {
            return OrganisationAdmission.NotFound;
        }

        var role = await RoleOfAsync(organisation, userId, cancellationToken);
        if (role is null)
        {
            // Not "forbidden": a foreign organisation must not even be shown to exist.
            return OrganisationAdmission.NotFound;
        }

        if (required is { } lowest && role < lowest)
        {
            return OrganisationAdmission.RoleTooLow;
        }

        tenant.Enter(organisation);
        context.Features.Set(new OrganisationMember(organisation, userId, role.Value));
        return OrganisationAdmission.Admitted;
    }

    /// <summary>The role <paramref name="userId"/> has in the organisation, or null when they may not work in it at all.</summary>
    private Task<OrganisationRole?> RoleOfAsync(Guid organisationId, Guid userId, CancellationToken cancellationToken) =>
        db.Memberships
            .Where(m => m.OrganisationId == organisationId && m.UserId == userId)
            .Select(m => (OrganisationRole?)m.Role)
            .SingleOrDefaultAsync(cancellationToken);
}

/// <summary>What <see cref="OrganisationAccess"/> decided; each filter turns it into its own kind of answer.</summary>
public enum OrganisationAdmission
{
    /// <summary>Admitted: the tenant is entered and <see cref="OrganisationMember"/> is on the request.</summary>
    Admitted,

    /// <summary>Nobody is signed in: log in first (page: redirect to log-in; API: 401).</summary>
    NotSignedIn,

    /// <summary>Unknown organisation, or one the person may not work in: 404 either way.</summary>
    NotFound,

    /// <summary>A member whose role is below what the page or handler needs: 403.</summary>
    RoleTooLow,
}

/// <summary>The signed-in member and their role in the organisation of the current request.</summary>
public sealed record OrganisationMember(Guid OrganisationId, Guid UserId, OrganisationRole Role)
{
    public bool IsOwner => Role == OrganisationRole.Owner;
}
