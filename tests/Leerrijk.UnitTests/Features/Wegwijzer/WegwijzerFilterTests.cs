using System.Xml.Linq;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Features.Wegwijzer;

namespace Leerrijk.UnitTests.Features.Wegwijzer;

/// <summary>The /wegwijzer page's filter and order, and the resource keys it builds from names.</summary>
public sealed class WegwijzerFilterTests
{
    [Fact]
    public void Open_now_keeps_only_open_offers_and_kind_and_search_narrow_further()
    {
        var verdicts = new[]
        {
            Verdict("a", "Open voucher", ["voucher"], Fit.Fits, Availability.Open),
            Verdict("b", "Gesloten voucher", ["voucher"], Fit.Fits, Availability.Closed),
            Verdict("c", "Open scan", ["scan"], Fit.Unknown, Availability.Open),
            Verdict("d", "Gestopt", ["voucher"], Fit.DoesNotFit, Availability.Ended),
        };

        Assert.Equal(["a", "c"], IndexModel.Filter(verdicts, null, true, null, "nl").Select(v => v.Offer.Slug));
        Assert.Equal(["a"], IndexModel.Filter(verdicts, "voucher", true, null, "nl").Select(v => v.Offer.Slug));
        Assert.Equal(["b"], IndexModel.Filter(verdicts, null, false, "gesloten", "nl").Select(v => v.Offer.Slug));
    }

    [Fact]
    public void What_fits_comes_first_then_maybe_then_the_rest()
    {
        var verdicts = new[]
        {
            Verdict("x", "Aa", ["voucher"], Fit.DoesNotFit, Availability.Ended),
            Verdict("y", "Bb", ["voucher"], Fit.Unknown, Availability.NotStated),
            Verdict("z", "Cc", ["voucher"], Fit.Fits, Availability.NotStated),
        };

        Assert.Equal(["z", "y", "x"], IndexModel.Filter(verdicts, null, false, null, "nl").Select(v => v.Offer.Slug));
    }

    [Fact]
    public void The_headline_is_the_rule_that_decides()
    {
        var fits = new Reason(RuleOutcome.Fits, "Wegwijzer.Reason.National");
        var no = new Reason(RuleOutcome.DoesNotFit, "Wegwijzer.Reason.Ended", "x");
        var maybe = new Reason(RuleOutcome.Unknown, "Wegwijzer.Reason.AreaNotStated");
        var info = new Reason(RuleOutcome.Info, "Wegwijzer.Reason.NoWindowsStated");

        var headCount = new Reason(RuleOutcome.Fits, "Wegwijzer.Reason.MaxEmployees", 60, "SLIM", 250);
        var open = new Reason(RuleOutcome.Fits, "Wegwijzer.Reason.Runs");

        Assert.Same(no, (Verdict("a", "A", ["scan"], Fit.DoesNotFit, Availability.Ended) with { Reasons = [info, fits, maybe, no] }).Headline);
        Assert.Same(maybe, (Verdict("a", "A", ["scan"], Fit.Unknown, Availability.NotStated) with { Reasons = [info, fits, maybe] }).Headline);
        Assert.Same(fits, (Verdict("a", "A", ["scan"], Fit.Fits, Availability.NotStated) with { Reasons = [info, fits] }).Headline);
        Assert.Same(headCount, (Verdict("a", "A", ["scan"], Fit.Fits, Availability.NotStated) with { Reasons = [fits, headCount, info] }).Headline);
        Assert.Same(fits, (Verdict("a", "A", ["scan"], Fit.Fits, Availability.Open) with { Reasons = [fits, open], Timing = open }).Headline);
    }

    [Fact]
    public void Every_key_the_page_builds_from_a_name_exists_in_both_languages()
    {
        var keys = OfferTerms.Kinds.Select(IndexModel.KindKey)
            .Concat(Enum.GetNames<Fit>().Select(f => "Wegwijzer.Fit." + f))
            .Concat(Enum.GetNames<Availability>().Select(a => "Wegwijzer.Availability." + a))
            .Concat(OfferTerms.Audiences.Select(a => OfferEligibility.AudienceTerm(a).Key));
        foreach (var file in new[] { "SharedResource.resx", "SharedResource.en.resx" })
        {
            var names = XDocument.Load(RepositoryPaths.Of("src", "Leerrijk.Web", "Resources", file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
            Assert.All(keys, k => Assert.True(names.Contains(k), $"{file}: {k}"));
        }
    }

    private static OfferVerdict Verdict(string slug, string title, IReadOnlyList<string> kinds, Fit fit, Availability availability) => new(
        new Offer(
            slug, kinds, new OfferAreas(true, [], [], []), new OfferSectors([], []), [], [], new LocalizedText(title, title),
            new LocalizedText("s", "s"), new LocalizedText("o", "o"), new OfferMoney(null, null, null, null, null), [], null, null, null,
            new OfferLimits(null, null, null), [new OfferSource("https://example.org", null)], new DateOnly(2026, 12, 3)),
        fit, availability, [new Reason(RuleOutcome.Fits, "Wegwijzer.Reason.National")], null, new Reason(RuleOutcome.Info, "Wegwijzer.Reason.NoWindowsStated"));
}
