using Leerrijk.Web.Infrastructure.Forms;

namespace Leerrijk.UnitTests.Infrastructure;

public sealed class StorableTextTests
{
    [Theory]
    [InlineData("Werkplaats")]
    [InlineData("Café de Sport & Zn.")]
    [InlineData("Ünal Çelik-de Vries")]
    [InlineData("שלום")]
    [InlineData("🙂 team")]
    [InlineData("")]
    public void Ordinary_names_in_any_script_are_storable(string text)
    {
        Assert.True(StorableText.IsStorable(text));
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\u0007b")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")]
    [InlineData("a\uFFFE")]
    [InlineData("a\uFFFF")]
    [InlineData("a\uFDD0")]
    [InlineData("Verkoop\u202Eteertsinimda")]
    [InlineData("a\u202Ab")]
    [InlineData("a\u2066b\u2069")]
    [InlineData("a\U0001FFFE")]
    [InlineData("regel 1\nregel 2")]
    [InlineData("a\tb")]
    public void Control_noncharacter_bidi_and_broken_characters_are_refused_in_a_name(string text)
    {
        Assert.False(StorableText.IsStorable(text));
    }

    [Fact]
    public void Half_a_surrogate_pair_is_refused_and_a_whole_one_is_not()
    {
        // Not as InlineData: the test runner replaces a lone surrogate in attribute data before the test sees it.
        Assert.False(StorableText.IsStorable("a" + '\uD800'));
        Assert.False(StorableText.IsStorable('\uDC00' + "a"));
        Assert.False(StorableText.IsStorable("a" + '\uD83D' + "b"));
        Assert.True(StorableText.IsStorable("a\U0001F642b"));
    }

    [Fact]
    public void Text_of_several_lines_may_keep_its_line_breaks_and_tabs_but_nothing_else()
    {
        Assert.True(StorableText.IsStorable("regel 1\r\nregel 2\tmet tab", allowLineBreaks: true));
        Assert.False(StorableText.IsStorable("regel 1\r\nregel\u202E 2", allowLineBreaks: true));
        Assert.False(StorableText.IsStorable("regel 1\u0000", allowLineBreaks: true));
    }

    [Fact]
    public void Stripping_keeps_everything_the_rule_allows()
    {
        Assert.Equal("a🙂b\ncd", StorableText.Strip("a\u0000🙂\uD800b\n\u202Ec\uFFFFd"));
        Assert.Equal("ab", StorableText.Strip("a\nb", allowLineBreaks: false));
    }

    [Fact]
    public void The_attribute_applies_the_same_rule()
    {
        Assert.True(new StorableTextAttribute().IsValid("Werkplaats"));
        Assert.True(new StorableTextAttribute().IsValid(null));
        Assert.False(new StorableTextAttribute().IsValid("Werk\u202Eplaats"));
        Assert.False(new StorableTextAttribute().IsValid("Werk\nplaats"));
        Assert.True(new StorableTextAttribute { AllowLineBreaks = true }.IsValid("Werkplaats\nKantoor"));
    }
}
