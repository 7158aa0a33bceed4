using System.Security.Cryptography;
using Leerrijk.Web.Data;
using Leerrijk.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.Api;

/// <summary>What a personal API token may be used for, each chosen when it is made.</summary>
[Flags]
public enum ApiScope
{
    None = 0,

    /// <summary>Read rounds and their reports (through the anonymity rule), and an adviser's caseload.</summary>
    ReadReports = 1,

    /// <summary>Read action plans.</summary>
    ReadPlans = 2,

    /// <summary>Open and close rounds.</summary>
    ManageRounds = 4,

    /// <summary>Read a programme's published figures.</summary>
    ReadProgrammeFigures = 8,
}

/// <summary>
/// A personal API token: it acts for the person who made it, inside one organisation or one support organisation, for
/// the scopes chosen, until it expires or is revoked. It never admits to more than its person may do on the pages.
/// </summary>
/// <remarks>
/// The caller sends <c>Authorization: Bearer lrk_{id}_{secret}</c>. Only a hash of the secret is stored, so the token is
/// shown once, and a copy of the database cannot be used to call the API.
/// </remarks>
public sealed class ApiToken : IHasCreatedAt
{
    public const int NameMaxLength = 80;
    public const int MaxLifetimeDays = 366;
    public const string Prefix = "lrk_";

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    /// <summary>The company the token works in; exactly one of this and <see cref="SupportOrganisationId"/> is set.</summary>
    public Guid? OrganisationId { get; set; }

    /// <summary>The support organisation the token works for (its caseload, its programmes, companies that granted it consent).</summary>
    public Guid? SupportOrganisationId { get; set; }

    public string Name { get; set; } = "";

    public ApiScope Scopes { get; set; }

    /// <summary>SHA-256 of the secret part, as 64 hex digits.</summary>
    public string SecretHash { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }

    /// <summary>Last time the token was accepted, written at most once a minute so a busy integration does not write on every call.</summary>
    public DateTime? LastUsedAtUtc { get; set; }

    public bool Allows(ApiScope scope) => scope != ApiScope.None && (Scopes & scope) == scope;

    /// <summary>Makes a token's secret and stores its hash; returns the whole token text, to be shown once.</summary>
    public string IssueSecret()
    {
        var secret = LinkToken.New();
        SecretHash = LinkToken.Hash(secret);
        return $"{Prefix}{Id:N}_{secret}";
    }

    /// <summary>Splits a presented token into its id and secret; false for anything not shaped like one.</summary>
    public static bool TryParse(string? text, out Guid id, out string secret)
    {
        id = Guid.Empty;
        secret = "";
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length != Prefix.Length + 32 + 1 + 43 || text[Prefix.Length + 32] != '_')
        {
            return false;
        }

        secret = text[(Prefix.Length + 33)..];
        return Guid.TryParseExact(text.AsSpan(Prefix.Length, 32), "N", out id);
    }

    /// <summary>Whether <paramref name="secret"/> is this token's, compared in constant time.</summary>
    public bool Matches(string secret) =>
        CryptographicOperations.FixedTimeEquals(Convert.FromHexString(SecretHash), Convert.FromHexString(LinkToken.Hash(secret)));
}

public sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("ApiTokens");
        builder.Property(t => t.Name).HasMaxLength(ApiToken.NameMaxLength);
        builder.Property(t => t.SecretHash).HasMaxLength(64);
        builder.HasIndex(t => t.UserId);
        builder.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Support.SupportOrganisation>().WithMany().HasForeignKey(t => t.SupportOrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account.ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("CK_ApiTokens_OneHome", "(\"OrganisationId\" IS NULL) <> (\"SupportOrganisationId\" IS NULL)"));
    }
}
