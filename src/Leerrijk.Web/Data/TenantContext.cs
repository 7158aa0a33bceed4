namespace Leerrijk.Web.Data;

/// <summary>
/// The organisation the current request works in, entered only by <see cref="Features.Organisations.OrganisationAccess"/> (for pages and API endpoints alike).
/// </summary>
/// <remarks>
/// While it is set, <see cref="LeerrijkDbContext"/> hides every <see cref="IOrganisationScoped"/> row of
/// other organisations. Requests outside an organisation (log-in, invitations, admin) leave it empty and
/// query by user or by a hashed token instead.
/// </remarks>
public sealed class TenantContext
{
    public Guid? OrganisationId { get; private set; }

    public void Enter(Guid organisationId)
    {
        if (OrganisationId is { } current && current != organisationId)
        {
            // One request works in one organisation; switching halfway would mix tenants.
            throw new InvalidOperationException("The request already works in another organisation.");
        }

        OrganisationId = organisationId;
    }
}
