using Leerrijk.Web.Features.Tracks;

namespace Leerrijk.UnitTests.Features.Tracks;

/// <summary>Hours as people type them: Dutch comma and dot alike, quarter hours, nothing absurd or malformed.</summary>
public sealed class HoursTextTests
{
    [Theory]
    [InlineData("1,5", 1.5)]
    [InlineData("1.5", 1.5)]
    [InlineData(" 2 ", 2)]
    [InlineData("0,25", 0.25)]
    [InlineData(",75", 0.75)]
    [InlineData("24", 24)]
    [InlineData("23,75", 23.75)]
    [InlineData("1,50", 1.5)]
    public void Typed_hours_in_quarters_within_the_range_are_read(string text, double expected)
    {
        Assert.Equal(HoursText.Problem.None, HoursText.Read(text, 0.25m, 24m, out var hours));
        Assert.Equal((decimal)expected, hours);
    }

    [Theory]
    [InlineData("-1", HoursText.Problem.TooFew)]
    [InlineData("0", HoursText.Problem.TooFew)]
    [InlineData("0,1", HoursText.Problem.TooFew)]
    [InlineData("25", HoursText.Problem.TooMany)]
    [InlineData("999999", HoursText.Problem.TooMany)]
    [InlineData("1,3", HoursText.Problem.NotQuarter)]
    [InlineData("abc", HoursText.Problem.Malformed)]
    [InlineData("", HoursText.Problem.Malformed)]
    [InlineData(null, HoursText.Problem.Malformed)]
    [InlineData("1.000", HoursText.Problem.Malformed)] // a thousands separator would otherwise read as one hour
    [InlineData("1,5,5", HoursText.Problem.Malformed)]
    [InlineData("1e2", HoursText.Problem.Malformed)]
    [InlineData("1 5", HoursText.Problem.Malformed)]
    [InlineData("\u0661", HoursText.Problem.Malformed)] // Arabic-Indic digit one
    [InlineData("\uFF12", HoursText.Problem.Malformed)] // full-width two
    [InlineData("1234567", HoursText.Problem.Malformed)]
    public void Anything_else_is_refused_with_the_reason(string? text, HoursText.Problem expected)
    {
        Assert.Equal(expected, HoursText.Read(text, 0.25m, 24m, out var hours));
        Assert.Equal(0, hours);
    }

    [Fact]
    public void A_budget_may_be_zero_and_is_written_back_in_the_readers_culture()
    {
        Assert.Equal(HoursText.Problem.None, HoursText.Read("0", 0, 1000, out var zero));
        Assert.Equal(0, zero);
        Assert.Equal("80,5", HoursText.Format(80.50m, System.Globalization.CultureInfo.GetCultureInfo("nl-NL")));
        Assert.Equal("80.5", HoursText.Format(80.50m, System.Globalization.CultureInfo.GetCultureInfo("en-GB")));
        Assert.Equal("120", HoursText.Format(120.00m, System.Globalization.CultureInfo.GetCultureInfo("nl-NL")));
    }
}
