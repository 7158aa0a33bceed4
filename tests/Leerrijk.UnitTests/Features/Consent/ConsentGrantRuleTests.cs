using Leerrijk.Web.Features.Consent;

namespace Leerrijk.UnitTests.Features.Consent;

/// <summary>The query form and the in-memory form of "a grant that holds today" are one rule.</summary>
public sealed class ConsentGrantRuleTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    public static TheoryData<string, DateTime?, DateOnly, bool> Cases => new()
    {
        { "ends in a month", null, Today.AddMonths(1), true },
        { "ends today: its last day still holds", null, Today, true },
        { "ended yesterday", null, Today.AddDays(-1), false },
        { "revoked before its end", new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc), Today.AddMonths(1), false },
        { "revoked and ended", new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc), Today.AddDays(-1), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_query_rule_and_the_in_memory_rule_agree(string situation, DateTime? revokedAtUtc, DateOnly endsOn, bool holds)
    {
        var grant = new ConsentGrant { RevokedAtUtc = revokedAtUtc, EndsOn = endsOn, Scopes = ConsentScope.ReadReports };

        Assert.True(holds == ConsentGrant.ActiveOn(Today).Compile()(grant), situation);
        Assert.True(holds == grant.IsActiveOn(Today), situation);
    }
}
