using System.Globalization;
using Leerrijk.Scoring.Instruments;
using Leerrijk.UnitTests.Features.Account;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Features.Wegwijzer;

namespace Leerrijk.UnitTests.Features.Wegwijzer;

/// <summary>The eligibility rules over a grid of company profiles (size × sector × region) and the seeded offers, with the reasons they give.</summary>
public sealed class OfferEligibilityTests
{
    private static readonly ReferenceData Reference = ReferenceData.Load(RepositoryPaths.Of("content", "reference"));
    private static readonly Dictionary<string, Offer> Seeded = OfferContent.LoadFolder(RepositoryPaths.Of("content", "offers"), Reference).ToDictionary(o => o.Slug);
    private static readonly OfferEligibility Rules = new(Reference);
    private static readonly DateOnly Today = new(2026, 12, 3);

    [Theory]
    // SLIM: national, fewer than 250 staff, turnover at most 50 million (the grid gives 5 million).
    [InlineData("slim-regeling", 12, "F", "gelderland", "achterhoek", Fit.Fits)]
    [InlineData("slim-regeling", 60, "Q", "zuid-holland", "rijnmond", Fit.Fits)]
    [InlineData("slim-regeling", 249, "J", "overijssel", "twente", Fit.Fits)]
    [InlineData("slim-regeling", 250, "F", "gelderland", "achterhoek", Fit.DoesNotFit)]
    [InlineData("slim-regeling", 300, "Q", "zuid-holland", "rijnmond", Fit.DoesNotFit)]
    // Care in part of Gelderland (a named sub-region): the wegwijzer cannot tell inside Gelderland, and says no elsewhere or in another sector.
    [InlineData("krachtige-leerwerkomgeving", 60, "Q", "gelderland", "achterhoek", Fit.Unknown)]
    [InlineData("krachtige-leerwerkomgeving", 60, "F", "gelderland", "achterhoek", Fit.DoesNotFit)]
    [InlineData("krachtige-leerwerkomgeving", 60, "Q", "zuid-holland", "rijnmond", Fit.DoesNotFit)]
    // Twents fonds: Twente only, every sector and size, employers included.
    [InlineData("twents-fonds-voor-vakmanschap", 12, "J", "overijssel", "twente", Fit.Fits)]
    [InlineData("twents-fonds-voor-vakmanschap", 300, "Q", "overijssel", "twente", Fit.Fits)]
    [InlineData("twents-fonds-voor-vakmanschap", 60, "F", "gelderland", "achterhoek", Fit.DoesNotFit)]
    // Gas erop!: installation (within F) in Twente and the Achterhoek: F there is a maybe, another sector or region a no.
    [InlineData("gas-erop", 60, "F", "gelderland", "achterhoek", Fit.Unknown)]
    [InlineData("gas-erop", 60, "Q", "gelderland", "achterhoek", Fit.DoesNotFit)]
    [InlineData("gas-erop", 60, "F", "zuid-holland", "rijnmond", Fit.DoesNotFit)]
    // Mkb only (micro, small, medium) in Helmond-De Peel.
    [InlineData("boost-helmond-de-peel", 12, "C", "noord-brabant", "helmond-de-peel", Fit.Fits)]
    [InlineData("boost-helmond-de-peel", 300, "C", "noord-brabant", "helmond-de-peel", Fit.DoesNotFit)]
    [InlineData("boost-helmond-de-peel", 12, "C", "noord-brabant", "zuidoost-brabant", Fit.DoesNotFit)]
    // Not for employers: vouchers for people, and an IT route for job seekers.
    [InlineData("talentenfonds-op-ijver", 12, "F", "gelderland", "achterhoek", Fit.DoesNotFit)]
    [InlineData("techgrounds", 12, "J", "utrecht", "midden-utrecht", Fit.DoesNotFit)]
    // Ended offers never fit, whoever asks.
    [InlineData("stap-budget", 12, "F", "gelderland", "achterhoek", Fit.DoesNotFit)]
    [InlineData("mkb-idee", 60, "Q", "zuid-holland", "rijnmond", Fit.DoesNotFit)]
    [InlineData("leerwerkakkoorden-rijnmond", 12, "C", "zuid-holland", "rijnmond", Fit.DoesNotFit)]
    // National and for everyone: the leerwerkloketten.
    [InlineData("leerwerkloketten", 300, "U", "limburg", "zuid-limburg", Fit.Fits)]
    public void Grid_of_profiles(string slug, int employees, string section, string province, string region, Fit expected)
    {
        var verdict = Rules.Evaluate(Seeded[slug], new CompanyProfile(employees, null, section, province, region, OfferTerms.Employer, 5_000_000), Today);

        Assert.True(expected == verdict.Fit, $"{slug}: expected {expected}, got {verdict.Fit}: {string.Join(" | ", verdict.Reasons.Select(r => Nl(r)))}");
    }

    [Fact]
    public void Sixty_staff_read_as_one_plain_line_per_rule_in_dutch_and_english()
    {
        var verdict = Rules.Evaluate(Seeded["slim-regeling"], new CompanyProfile(60, null, "F", "gelderland", "achterhoek"), Today);

        Assert.Contains("U heeft 60 medewerkers: SLIM-regeling (mkb) is voor bedrijven tot 250.", verdict.Reasons.Select(Nl));
        Assert.Contains("You have 60 employees: SLIM scheme (small and medium-sized firms) is for companies with fewer than 250.", verdict.Reasons.Select(En));
        Assert.Contains("SLIM-regeling (mkb) is voor bedrijven met hoogstens 50.000.000 euro omzet. Wij kennen uw omzet niet.", verdict.Reasons.Select(Nl));
        Assert.Contains("De laatste ronde die wij kennen sloot op 30 september 2024. Of er nu een ronde open is, staat niet in onze bronnen.", verdict.Reasons.Select(Nl));
        Assert.Equal(Fit.Unknown, verdict.Fit); // the turnover is not known
        Assert.Equal(Availability.NotStated, verdict.Availability);
    }

    [Fact]
    public void A_size_class_without_a_head_count_decides_where_the_class_lies_on_one_side_of_the_limit()
    {
        var offer = Seeded["slim-regeling"];
        Fit For(SizeClass size) => Rules.Evaluate(offer, new CompanyProfile(null, size, "F", "gelderland", "achterhoek", TurnoverEuros: 1_000_000), Today).Fit;

        Assert.Equal(Fit.Fits, For(SizeClass.Medium));
        Assert.Equal(Fit.DoesNotFit, For(SizeClass.Large));
        Assert.Equal(Fit.Unknown, Rules.Evaluate(offer, new CompanyProfile(null, null, "F", "gelderland", "achterhoek", TurnoverEuros: 1_000_000), Today).Fit);
    }

    [Fact]
    public void A_window_open_today_says_until_when_and_counts_as_open()
    {
        var offer = Synthetic() with { Windows = [new(new(2026, 11, 1), new(2026, 12, 31), null)] };

        var verdict = Rules.Evaluate(offer, Company(), Today);

        Assert.Equal((Fit.Fits, Availability.Open), (verdict.Fit, verdict.Availability));
        Assert.Contains("Nu open: aanvragen kan tot en met 31 december 2026.", verdict.Reasons.Select(Nl));
    }

    [Fact]
    public void A_closed_offer_says_closed_and_the_next_window_marked_as_an_estimate_when_it_is_one()
    {
        var confirmed = Rules.Evaluate(Synthetic() with { Windows = [new(new(2024, 3, 1), new(2024, 3, 28), null), new(new(2027, 3, 1), new(2027, 3, 31), null)] }, Company(), Today);
        var estimated = Rules.Evaluate(Synthetic() with { Windows = [new(new(2025, 3, 10), new(2025, 6, 30), null)], NextWindowExpected = new(new(2027, 3, 1), null) }, Company(), Today);
        var passed = Rules.Evaluate(Seeded["slim-scholingssubsidie"], Company(), Today);

        Assert.Equal(Availability.Closed, confirmed.Availability);
        Assert.Contains("Nu gesloten. De volgende ronde opent op 1 maart 2027.", confirmed.Reasons.Select(Nl));
        Assert.Equal(Availability.Closed, estimated.Availability);
        Assert.Contains("Nu gesloten. De volgende ronde wordt rond 1 maart 2027 verwacht. Dat is een schatting.", estimated.Reasons.Select(Nl));
        Assert.Contains("A new window was expected around 1 March 2026 (an estimate). Our sources do not say whether it came.", passed.Reasons.Select(En));
    }

    [Fact]
    public void An_ended_offer_never_fits_even_when_every_other_rule_does()
    {
        var verdict = Rules.Evaluate(Synthetic() with { Status = OfferTerms.Ended }, Company(), Today);

        Assert.Equal((Fit.DoesNotFit, Availability.Ended), (verdict.Fit, verdict.Availability));
        Assert.Contains("Proef is gestopt. U kunt het niet meer aanvragen.", verdict.Reasons.Select(Nl));
        Assert.All(verdict.Reasons.Where(r => r.Key != "Wegwijzer.Reason.Ended"), r => Assert.Equal(RuleOutcome.Fits, r.Outcome));
    }

    [Fact]
    public void Without_the_company_region_an_offer_elsewhere_is_a_maybe_not_a_no()
    {
        // Labour-market regions cross provinces, so a province alone cannot rule out a region-bound offer.
        var verdict = Rules.Evaluate(Seeded["hca-regio-zwolle"], new CompanyProfile(12, null, "F", "gelderland", null), Today);

        Assert.Equal(Fit.Unknown, verdict.Fit);
        Assert.Contains("Dit is er in: Regio Zwolle. Wij weten niet precies waar uw bedrijf zit.", verdict.Reasons.Select(Nl));
    }

    [Fact]
    public void Every_reason_of_every_seeded_offer_reads_in_both_languages()
    {
        var profiles = new[]
        {
            new CompanyProfile(),
            new CompanyProfile(60, null, "F", "gelderland", "achterhoek", OfferTerms.Employer, 1_000_000),
            new CompanyProfile(null, SizeClass.Micro, "Q", "fryslan", "friesland", OfferTerms.Employee),
            new CompanyProfile(300, null, "J", "noord-brabant", "zuidoost-brabant", OfferTerms.JobSeeker, 90_000_000),
        };
        var lines = Seeded.Values.SelectMany(o => profiles.SelectMany(p => Rules.Evaluate(o, p, Today).Reasons)).SelectMany(r => new[] { Nl(r), En(r) }).Distinct().ToList();

        Assert.All(lines, l => Assert.DoesNotMatch(@"\{\d\}|Wegwijzer\.|SizeClass\.", l));
        Assert.True(lines.Count > 40);
    }

    private static CompanyProfile Company() => new(12, null, "F", "gelderland", "achterhoek", OfferTerms.Employer, 1_000_000);

    private static Offer Synthetic() => new(
        "proef", ["subsidy"], new OfferAreas(true, [], [], []), new OfferSectors([], []), [], [OfferTerms.Employer],
        new LocalizedText("Proef", "Trial"), new LocalizedText("s", "s"), new LocalizedText("o", "o"),
        new OfferMoney(null, null, null, null, null), [], null, null, null, new OfferLimits(null, null, null), [new OfferSource("https://example.org", null)], Today);

    private static string Nl(Reason reason) => In("nl", reason);

    private static string En(Reason reason) => In("en", reason);

    private static string In(string language, Reason reason)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return reason.Text(PasswordPolicyTests.Localizer(), culture);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
