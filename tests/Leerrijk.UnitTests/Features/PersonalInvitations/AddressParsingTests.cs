using Leerrijk.Web.Features.PersonalInvitations;

namespace Leerrijk.UnitTests.Features.PersonalInvitations;

/// <summary>Addresses pasted from a spreadsheet column, a mail program or a typed list.</summary>
public sealed class AddressParsingTests
{
    [Fact]
    public void Lines_commas_semicolons_and_tabs_separate_and_names_from_a_mail_program_are_dropped()
    {
        var (valid, invalid) = ManageModel.ParseAddresses("a@bedrijf.nl\r\nB@Bedrijf.nl, c@bedrijf.nl;\"Jan de Vries\" <jan@bedrijf.nl>\td@bedrijf.nl\n\n");

        Assert.Equal(["a@bedrijf.nl", "b@bedrijf.nl", "c@bedrijf.nl", "jan@bedrijf.nl", "d@bedrijf.nl"], valid);
        Assert.Empty(invalid);
    }

    [Fact]
    public void The_same_address_twice_in_any_case_counts_once()
    {
        var (valid, _) = ManageModel.ParseAddresses("a@bedrijf.nl\nA@BEDRIJF.NL");

        Assert.Equal(["a@bedrijf.nl"], valid);
    }

    [Theory]
    [InlineData("geen-adres")]
    [InlineData("jan@")]
    [InlineData("@bedrijf.nl")]
    [InlineData("jan@bedrijf")]
    [InlineData("jan@@bedrijf.nl")]
    [InlineData("a@b.nl c@d.nl")]
    public void Anything_that_is_not_one_address_is_returned_as_invalid(string text)
    {
        var (valid, invalid) = ManageModel.ParseAddresses(text);

        Assert.Empty(valid);
        Assert.Equal([text], invalid);
    }

    [Fact]
    public void Codes_are_long_random_and_url_safe_and_only_their_hash_is_comparable()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => PersonalInvitation.NewCode()).ToList();

        Assert.Equal(1000, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^[A-Za-z0-9_-]{22}$", c));
        Assert.Equal(PersonalInvitation.HashCode(codes[0]), PersonalInvitation.HashCode(" " + codes[0] + " "));
        Assert.NotEqual(PersonalInvitation.HashCode(codes[0]), PersonalInvitation.HashCode(codes[1]));
    }
}
