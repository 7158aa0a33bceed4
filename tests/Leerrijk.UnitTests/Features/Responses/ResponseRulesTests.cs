using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Features.Responses;
using Leerrijk.Web.Features.Rounds;

namespace Leerrijk.UnitTests.Features.Responses;

/// <summary>A table of inputs through the one set of response rules: what is accepted, in which stored form, and what is refused.</summary>
public sealed class ResponseRulesTests
{
    private static readonly IReadOnlyList<Instrument> Library = InstrumentLoader.LoadFolder(RepositoryPaths.Of("content", "instruments"));

    private static Instrument Teamscan => Library.Single(i => i.Id == "leerrijk-teamscan");

    private static Round Round(params string[] roles) => new()
    {
        Code = "TEST01",
        InstrumentId = Teamscan.Id,
        Roles = [.. roles],
        Departments = ["Werkplaats", "Kantoor"],
        Languages = ["nl"],
        AnonymityThreshold = 5,
    };

    [Theory]
    [InlineData("Employee", "Employee")]
    [InlineData("employee", "Employee")]
    [InlineData("EMPLOYEE", "Employee")]
    [InlineData("  manager ", "Manager")]
    [InlineData("works-council", "WorksCouncil")]
    [InlineData("Works-Council", "WorksCouncil")]
    [InlineData("WorksCouncil", "WorksCouncil")]
    [InlineData("works council", null)]
    [InlineData("owner", null)]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void A_role_is_one_of_the_rounds_whatever_its_case_spaces_or_hyphens(string? given, string? expected)
    {
        var accepted = ResponseRules.TryRole(Round("Employee", "Manager", "WorksCouncil"), given, out var role);

        Assert.Equal(expected is not null, accepted);
        Assert.Equal(expected ?? "", role);
    }

    [Theory]
    [InlineData(null, "Employee")]
    [InlineData("", "Employee")]
    [InlineData("employee", "Employee")]
    [InlineData("manager", null)]
    public void With_one_invited_role_nothing_given_means_that_role_and_another_role_is_still_refused(string? given, string? expected)
    {
        var accepted = ResponseRules.TryRole(Round("Employee"), given, out var role);

        Assert.Equal(expected is not null, accepted);
        Assert.Equal(expected ?? "", role);
    }

    [Theory]
    [InlineData("Werkplaats", true, "Werkplaats")]
    [InlineData("werkplaats", true, "Werkplaats")]
    [InlineData(" KANTOOR  ", true, "Kantoor")]
    [InlineData("", true, null)]
    [InlineData("  ", true, null)]
    [InlineData(null, true, null)]
    [InlineData("Kelder", false, null)]
    [InlineData("Werk-plaats", false, null)]
    public void A_department_is_optional_and_else_one_of_the_rounds_whatever_its_case_or_spaces(string? given, bool accepted, string? expected)
    {
        Assert.Equal(accepted, ResponseRules.TryDepartment(Round("Employee"), given, out var department));
        Assert.Equal(expected, department);
    }

    [Theory]
    [InlineData("1-5", true, "1-5")]
    [InlineData("10PLUS", true, "10plus")]
    [InlineData(" lt1 ", true, "lt1")]
    [InlineData("", true, null)]
    [InlineData(null, true, null)]
    [InlineData("1–5", false, null)]
    [InlineData("15", false, null)]
    public void Years_employed_is_optional_and_else_one_of_the_bands(string? given, bool accepted, string? expected)
    {
        Assert.True(Teamscan.Background.YearsEmployed, "the teamscan asks for years employed");
        Assert.Equal(accepted, ResponseRules.TryYears(Teamscan, given, out var years));
        Assert.Equal(expected, years);
    }

    [Fact]
    public void Years_employed_is_refused_when_the_instrument_does_not_ask_for_it()
    {
        var silent = Library.First(i => !i.Background.YearsEmployed);

        Assert.False(ResponseRules.TryYears(silent, "1-5", out _));
        Assert.True(ResponseRules.TryYears(silent, "", out var none));
        Assert.Null(none);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(1, true)]
    [InlineData(5, true)]
    [InlineData(0, false)]
    [InlineData(6, false)]
    [InlineData(-3, false)]
    public void A_point_must_lie_on_the_scale_and_dont_know_always_does(int? point, bool accepted)
    {
        Assert.Equal((1, 5), (Teamscan.ScaleMin, Teamscan.ScaleMax));
        Assert.Equal(accepted, ResponseRules.IsOnScale(Teamscan, point));
    }

    public static TheoryData<string?, ResponseRules.CommentProblem, string?> Comments => new()
    {
        { "Meelopen met een collega.", ResponseRules.CommentProblem.None, "Meelopen met een collega." },
        { "  Samen klussen.\n", ResponseRules.CommentProblem.None, "Samen klussen." },
        { "Regel een\r\nregel twee\tmet tab", ResponseRules.CommentProblem.None, "Regel een\r\nregel twee\tmet tab" },
        { "   ", ResponseRules.CommentProblem.None, null },
        { null, ResponseRules.CommentProblem.None, null },
        { new string('a', 4000), ResponseRules.CommentProblem.None, new string('a', 4000) },
        { "  " + new string('a', 4000) + "  ", ResponseRules.CommentProblem.None, new string('a', 4000) },
        { new string('a', 4001), ResponseRules.CommentProblem.TooLong, null },
        { "bel\u0007", ResponseRules.CommentProblem.Unstorable, null },
        { "nul\0teken", ResponseRules.CommentProblem.Unstorable, null },
        { "omgekeerd \u202Egnirts", ResponseRules.CommentProblem.Unstorable, null },
        { "geen teken \uFFFE", ResponseRules.CommentProblem.Unstorable, null },
    };

    [Theory]
    [MemberData(nameof(Comments))]
    public void A_comment_is_kept_trimmed_refused_when_too_long_or_with_control_characters_and_dropped_when_blank(
        string? text, ResponseRules.CommentProblem problem, string? kept)
    {
        Assert.Equal(problem, ResponseRules.CheckComment(text, out var stored));
        Assert.Equal(kept, stored);
    }
}
