namespace Leerrijk.Web.Data;

/// <summary>Marks an entity that belongs to one organisation; the tenancy filter applies to every such entity.</summary>
/// <remarks>
/// Every table of organisation data carries the organisation id so that the schema can later be
/// distributed by it, and so that <see cref="LeerrijkDbContext"/> can filter on it in one place.
/// </remarks>
public interface IOrganisationScoped
{
    Guid OrganisationId { get; }
}

/// <summary>Entities whose creation time is stamped by <see cref="TimestampInterceptor"/>.</summary>
public interface IHasCreatedAt
{
    DateTime CreatedAtUtc { get; set; }
}
