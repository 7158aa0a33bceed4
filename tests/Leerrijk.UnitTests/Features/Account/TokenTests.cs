using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.Organisations;

namespace Leerrijk.UnitTests.Features.Account;

public sealed class TokenTests
{
    [Fact]
    public void Identity_tokens_survive_the_trip_through_a_url()
    {
        const string token = "CfDJ8+abc/def==";

        var encoded = TokenEncoding.Encode(token);

        Assert.DoesNotContain('+', encoded);
        Assert.DoesNotContain('/', encoded);
        Assert.Equal(token, TokenEncoding.Decode(encoded));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("!!!")]
    public void A_mangled_code_decodes_to_nothing(string? code)
    {
        Assert.Null(TokenEncoding.Decode(code));
    }

    [Fact]
    public void Invitation_tokens_are_long_random_and_stored_only_as_a_hash()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => Invitation.NewToken()).ToList();

        Assert.Equal(1000, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.All(tokens, t => Assert.Equal(43, t.Length)); // 256 bits in base64url
        Assert.Equal(64, Invitation.HashToken(tokens[0]).Length);
        Assert.NotEqual(Invitation.HashToken(tokens[0]), Invitation.HashToken(tokens[1]));
    }
}
