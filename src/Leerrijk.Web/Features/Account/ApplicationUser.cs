using Leerrijk.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Leerrijk.Web.Features.Account;

/// <summary>A person who logs in: an owner, HR member, viewer, adviser, editor or admin.</summary>
public sealed class ApplicationUser : IdentityUser<Guid>, IHasCreatedAt
{
    public string DisplayName { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>Roles across the whole platform, as opposed to a member's role in one organisation.</summary>
public static class PlatformRoles
{
    public const string Admin = "Admin";
    public const string Editor = "Editor";
    public const string Adviser = "Adviser";
    public const string ProgrammeManager = "ProgrammeManager";

    public static readonly IReadOnlyList<string> All = [Admin, Editor, Adviser, ProgrammeManager];
}
