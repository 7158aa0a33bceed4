using Leerrijk.Web;
using Leerrijk.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Leerrijk.UnitTests.Features.Account;

public sealed class PasswordPolicyTests
{
    private static readonly CommonPasswords Common = CommonPasswords.Load(RepositoryPaths.Of("content", "security", "common-passwords.txt"));

    private static readonly PasswordPolicyValidator Validator = new(Common, Localizer());

    internal static IStringLocalizer<SharedResource> Localizer() =>
        new StringLocalizer<SharedResource>(new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    private static IdentityResult Check(string password) =>
        Validator.ValidateAsync(null!, new ApplicationUser(), password).GetAwaiter().GetResult();

    [Fact]
    public void The_block_list_holds_ten_thousand_passwords()
    {
        Assert.Equal(10_000, Common.Count);
    }

    [Fact]
    public void Every_common_password_is_refused()
    {
        var accepted = File.ReadLines(RepositoryPaths.Of("content", "security", "common-passwords.txt"))
            .Where(p => Check(p).Succeeded)
            .ToList();

        Assert.Empty(accepted);
    }

    [Theory]
    [InlineData("QWERTY123456")]
    [InlineData("  qwerty123456  ")]
    public void Common_passwords_are_refused_whatever_their_case_or_spacing(string password)
    {
        var result = Check(password);

        Assert.Contains(result.Errors, e => e.Code == "PasswordTooCommon");
    }

    [Theory]
    [InlineData("elf tekens!", false)]
    [InlineData("twaalf teken", true)]
    [InlineData("alleen kleine letters zonder cijfers", true)]
    [InlineData("ÉÉNËËNTWEEDRIE", true)]
    public void Length_is_the_only_shape_rule(string password, bool ok)
    {
        Assert.Equal(ok, Check(password).Succeeded);
    }

    [Fact]
    public void Up_to_128_characters_are_allowed_and_no_more()
    {
        Assert.True(Check(new string('z', 128)).Succeeded);
        var tooLong = Check(new string('z', 129));
        Assert.Contains(tooLong.Errors, e => e.Code == "PasswordTooLong");
    }

    [Fact]
    public void Characters_are_counted_as_people_see_them()
    {
        // Twelve emoji are twelve characters, though each takes two UTF-16 code units.
        Assert.True(Check(string.Concat(Enumerable.Repeat("🔑", 12))).Succeeded);
        Assert.False(Check(string.Concat(Enumerable.Repeat("🔑", 11))).Succeeded);
    }

    [Fact]
    public void Messages_say_what_to_do()
    {
        var result = Check("kort");

        Assert.Contains("minstens 12 tekens", Assert.Single(result.Errors).Description, StringComparison.Ordinal);
    }
}
