using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Leerrijk.Web.Infrastructure.Forms;

namespace Leerrijk.UnitTests.Infrastructure;

public sealed class DecimalTextTests
{
    [Theory]
    [InlineData("1.250,50", "1250.50")]
    [InlineData("1250,50", "1250.50")]
    [InlineData("1250.50", "1250.50")]
    [InlineData("1,250.50", "1250.50")]
    [InlineData("1.250", "1250")]
    [InlineData("1.250.000", "1250000")]
    [InlineData("1,250,000", "1250000")]
    [InlineData("1.250.000,5", "1250000.5")]
    [InlineData("12,5", "12.5")]
    [InlineData("12.5", "12.5")]
    [InlineData("0.25", "0.25")]
    [InlineData("0,25", "0.25")]
    [InlineData("€ 1.250,-", "1250")]
    [InlineData("€1250", "1250")]
    [InlineData("1250 €", "1250")]
    [InlineData("  42  ", "42")]
    [InlineData("007", "7")]
    [InlineData("-5", "-5")]
    [InlineData("− 5,5", "-5.5")]
    [InlineData("-0", "0")]
    public void Dutch_and_international_notations_are_read_as_people_mean_them(string typed, string expected)
    {
        var result = DecimalText.Parse(typed, maxDecimals: 2);

        Assert.Equal(DecimalTextOutcome.Number, result.Outcome);
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), result.Value);
    }

    [Theory]
    [InlineData("twaalf")]
    [InlineData("12,34,56")]
    [InlineData("1.25.0")]
    [InlineData("1..5")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("1,250,50.5,0")]
    [InlineData("1.250.50,00")]
    [InlineData("12.500,00.00")]
    [InlineData("1e5")]
    [InlineData("+5")]
    [InlineData("5-")]
    [InlineData("1 250")]
    [InlineData("€")]
    [InlineData("--5")]
    [InlineData("0x10")]
    [InlineData("١٢")]
    public void Anything_else_is_malformed_rather_than_guessed(string typed)
    {
        Assert.Equal(DecimalTextOutcome.Malformed, DecimalText.Parse(typed, 2).Outcome);
    }

    [Theory]
    [InlineData("1,250", 2)]
    [InlineData("1.2345", 2)]
    [InlineData("0.250", 2)]
    [InlineData("12,5", 0)]
    public void More_decimals_than_allowed_are_refused_so_a_thousands_comma_is_never_read_as_cents(string typed, int maxDecimals)
    {
        Assert.Equal(DecimalTextOutcome.TooManyDecimals, DecimalText.Parse(typed, maxDecimals).Outcome);
    }

    [Theory]
    [InlineData("9999999999999")]
    [InlineData("99999999999999999999999999999999999")]
    [InlineData("1234567890123456789012345678901234567890123")]
    public void More_digits_than_any_field_holds_is_too_large_and_never_overflows(string typed)
    {
        Assert.Equal(DecimalTextOutcome.TooLarge, DecimalText.Parse(typed, 2).Outcome);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Nothing_typed_is_empty(string? typed)
    {
        Assert.Equal(DecimalTextOutcome.Empty, DecimalText.Parse(typed, 2).Outcome);
    }

    [Property]
    public Property What_the_forms_show_is_read_back_as_the_same_amount_in_both_languages() =>
        Prop.ForAll(
            Gen.Choose(0, int.MaxValue).Select(n => n / 100m).ToArbitrary(),
            Gen.Elements("nl-NL", "en-GB").ToArbitrary(),
            (amount, culture) =>
            {
                var shown = DecimalText.Format(amount, CultureInfo.GetCultureInfo(culture));
                var read = DecimalText.Parse(shown, 2);
                return read.Outcome == DecimalTextOutcome.Number && read.Value == amount;
            });
}
