using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.UnitTests.Features.Account;

/// <summary>The rule for who must log in in two steps, run as the app runs it: its one query, on an in-memory SQLite database.</summary>
public sealed class TwoFactorRequirementTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly SqliteLeerrijkDbContext _db;
    private readonly TwoFactorRequirement _rule;

    public TwoFactorRequirementTests()
    {
        _connection.Open();
        _db = new SqliteLeerrijkDbContext(new DbContextOptionsBuilder<SqliteLeerrijkDbContext>().UseSqlite(_connection).Options);
        _db.Database.Migrate();
        _db.Roles.AddRange(PlatformRoles.All.Select(r => new IdentityRole<Guid>(r) { Id = Guid.NewGuid(), NormalizedName = r.ToUpperInvariant() }));
        _db.SaveChanges();
        _rule = new TwoFactorRequirement(_db);
    }

    public void Dispose()
    {
        _db.Dispose();
        _connection.Dispose();
    }

    [Fact]
    public void The_roles_that_need_it_are_those_that_see_many_companies_and_not_the_editor()
    {
        Assert.Equal([PlatformRoles.Admin, PlatformRoles.ProgrammeManager, PlatformRoles.Adviser], TwoFactorRequirement.PlatformRolesThatNeedIt);
    }

    [Fact]
    public async Task An_account_without_support_membership_or_platform_role_does_not_need_it()
    {
        var user = await UserAsync();

        Assert.Equal(new TwoFactorState(Required: false, Enabled: false), await _rule.StateAsync(user.Id));
    }

    [Theory]
    [InlineData(PlatformRoles.Admin, true)]
    [InlineData(PlatformRoles.ProgrammeManager, true)]
    [InlineData(PlatformRoles.Adviser, true)]
    [InlineData(PlatformRoles.Editor, false)]
    public async Task A_platform_role_decides_by_whether_it_sees_many_companies(string role, bool required)
    {
        var user = await UserAsync(roles: [role]);

        Assert.Equal(required, (await _rule.StateAsync(user.Id))!.Required);
    }

    [Theory]
    [InlineData(SupportRole.Adviser)]
    [InlineData(SupportRole.Coordinator)]
    public async Task Every_member_of_a_support_organisation_needs_it(SupportRole role)
    {
        var user = await UserAsync(supportRole: role);

        Assert.True((await _rule.StateAsync(user.Id))!.Required);
    }

    [Fact]
    public async Task Other_accounts_memberships_and_roles_do_not_count()
    {
        await UserAsync(roles: [PlatformRoles.Admin], supportRole: SupportRole.Coordinator);
        var user = await UserAsync(roles: [PlatformRoles.Editor]);

        Assert.False((await _rule.StateAsync(user.Id))!.Required);
    }

    [Fact]
    public async Task Missing_means_required_and_not_turned_on()
    {
        var without = await UserAsync(supportRole: SupportRole.Adviser);
        var with = await UserAsync(supportRole: SupportRole.Adviser, enabled: true);
        var optional = await UserAsync(enabled: true);

        Assert.True((await _rule.StateAsync(without.Id))!.Missing);
        Assert.Equal(new TwoFactorState(Required: true, Enabled: true), await _rule.StateAsync(with.Id));
        Assert.False((await _rule.StateAsync(with.Id))!.Missing);
        Assert.Equal(new TwoFactorState(Required: false, Enabled: true), await _rule.StateAsync(optional.Id));
    }

    [Fact]
    public async Task An_account_that_no_longer_exists_has_no_state()
    {
        Assert.Null(await _rule.StateAsync(Guid.NewGuid()));
    }

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData(" 123 456 ", "123456")]
    [InlineData("123-456", "123456")]
    [InlineData("12345", null)]
    [InlineData("1234567", null)]
    [InlineData("12a456", null)]
    [InlineData("１２３４５６", null)] // full-width digits are not what the token provider compares
    [InlineData(null, null)]
    public void A_typed_app_code_is_six_digits_after_spaces_and_dashes_go(string? typed, string? code)
    {
        Assert.Equal(code, TwoFactorSetup.AppCode(typed));
    }

    [Theory]
    [InlineData("BCDFG-HJKMN", "BCDFG-HJKMN")]
    [InlineData("bcdfghjkmn", "BCDFG-HJKMN")]
    [InlineData(" bcdfg hjkmn ", "BCDFG-HJKMN")]
    [InlineData("nonsense", "NONSENSE")]
    public void A_typed_recovery_code_is_compared_as_Identity_made_it(string typed, string code)
    {
        Assert.Equal(code, TwoFactorSetup.RecoveryCode(typed));
    }

    [Fact]
    public void The_key_is_shown_in_groups_of_four_and_the_app_link_names_the_account()
    {
        Assert.Equal("ABCD EFGH IJKL MNOP QR", TwoFactorSetup.Grouped("abcdefghijklmnopqr"));
        Assert.Equal(
            "otpauth://totp/Leerrijk:anna%40example.test?secret=ABCDEFGH&issuer=Leerrijk&digits=6&period=30",
            TwoFactorSetup.AuthenticatorUri("anna@example.test", "ABCDEFGH"));
    }

    private async Task<ApplicationUser> UserAsync(string[]? roles = null, SupportRole? supportRole = null, bool enabled = false)
    {
        var email = $"user-{Guid.NewGuid():N}@example.test";
        var user = new ApplicationUser { Id = Guid.NewGuid(), UserName = email, Email = email, TwoFactorEnabled = enabled };
        _db.Users.Add(user);
        foreach (var role in roles ?? [])
        {
            _db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = (await _db.Roles.SingleAsync(r => r.Name == role)).Id });
        }

        if (supportRole is { } r)
        {
            var support = new SupportOrganisation { Name = "Leerwerkloket", Kind = SupportKind.Leerwerkloket };
            _db.SupportOrganisations.Add(support);
            _db.SupportMemberships.Add(new SupportMembership { SupportOrganisationId = support.Id, UserId = user.Id, Role = r });
        }

        await _db.SaveChangesAsync();
        return user;
    }
}
