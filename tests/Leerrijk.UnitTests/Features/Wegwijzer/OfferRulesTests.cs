using Leerrijk.UnitTests.Features.Consent;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Features.Wegwijzer;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Leerrijk.UnitTests.Features.Wegwijzer;

/// <summary>The offer rules attacked from both doors: a value the file loader refuses, the editors' form refuses too, and the other way round.</summary>
public sealed class OfferRulesTests
{
    private static readonly string Folder = RepositoryPaths.Of("content", "offers");
    private static readonly ReferenceData Reference = ReferenceData.Load(RepositoryPaths.Of("content", "reference"));
    private static readonly DateOnly Today = new(2026, 12, 3);

    private static string Base() => File.ReadAllText(Path.Combine(Folder, "gelrepact.yaml"));

    private static Offer Loaded() => OfferContent.Parse("gelrepact.yaml", Base(), Reference);

    /// <summary>Whether the loader accepts gelrepact.yaml with <paramref name="find"/> replaced.</summary>
    private static bool LoaderAccepts(string find, string replace)
    {
        var yaml = Base().Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Base(), yaml);
        try
        {
            OfferContent.Parse("gelrepact.yaml", yaml, Reference);
            return true;
        }
        catch (OfferContentException)
        {
            return false;
        }
    }

    /// <summary>Whether the form accepts gelrepact as loaded, with <paramref name="change"/> applied to its input; the model state holds the refusals.</summary>
    private static (bool Accepted, ModelStateDictionary Errors) FormAccepts(Action<OfferInput> change)
    {
        var input = new OfferInput();
        input.Fill(Loaded());
        change(input);
        var errors = new ModelStateDictionary();
        var offer = new OfferForm(errors, Reference, new KeyLocalizer()).Read(input, "gelrepact", Loaded(), Today);
        return (offer is not null, errors);
    }

    [Fact]
    public void The_form_reads_back_every_field_of_a_loaded_offer_unchanged()
    {
        var slim = OfferContent.Parse("slim-regeling.yaml", File.ReadAllText(Path.Combine(Folder, "slim-regeling.yaml")), Reference);
        var input = new OfferInput();
        input.Fill(slim);

        var read = new OfferForm(new ModelStateDictionary(), Reference, new KeyLocalizer()).Read(input, slim.Slug, slim, Today);

        Assert.NotNull(read);
        Assert.Equal(OfferEntry.Write(slim), OfferEntry.Write(read));
        Assert.Empty(OfferChange.Between(slim, read));
    }

    [Theory]
    [InlineData("http://www.gelrepact.nl/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("https://")]
    [InlineData("ftp://www.gelrepact.nl/")]
    [InlineData("https://www.gelrepact.nl/a b")]
    public void A_source_address_the_loader_refuses_the_form_refuses_too(string url)
    {
        var loader = LoaderAccepts("- document: SER", $"- url: \"{url}\"\n    - document: SER");
        var (form, errors) = FormAccepts(i => i.Sources = url + "\nSER (2023)");

        Assert.False(loader);
        Assert.False(form);
        Assert.Contains(errors["Input.Sources"]!.Errors, e => e.ErrorMessage.StartsWith("Wegwijzer.Form.SourceNotHttps", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://www.gelrepact.nl/")]
    [InlineData("https://www.rvo.nl/subsidies-financiering/slim?tab=1#voorwaarden")]
    public void An_https_source_both_accept(string url)
    {
        Assert.True(LoaderAccepts("- document: SER", $"- url: \"{url}\"\n    - document: SER"));
        Assert.True(FormAccepts(i => i.Sources = url).Accepted);
    }

    [Theory]
    [InlineData("SER (2023), Stimuleren van leercultuur", false)]
    [InlineData("Rapport: leren in het mkb", false)]
    [InlineData("http://example.org", true)]
    [InlineData("JavaScript:alert(1)", true)]
    [InlineData("data:text/html,x", true)]
    [InlineData("www.example.org", true)]
    public void A_line_with_a_scheme_is_read_as_an_address_and_other_lines_as_document_names(string line, bool address) =>
        Assert.Equal(address, OfferRules.LooksLikeAddress(line));

    [Theory]
    [InlineData("lastChecked:", "money:\n  percentage: 120\nlastChecked:", nameof(OfferInput.Percentage), "120")]
    [InlineData("lastChecked:", "money:\n  maximumEuros: -5\nlastChecked:", nameof(OfferInput.MaximumEuros), "-5")]
    [InlineData("lastChecked:", "money:\n  minimumCostsEuros: 2000000000\nlastChecked:", nameof(OfferInput.MinimumCostsEuros), "2000000000")]
    [InlineData("lastChecked:", "eligibility:\n  minEmployees: 300\n  maxEmployees: 250\nlastChecked:", nameof(OfferInput.MinEmployees), "300")]
    [InlineData("lastChecked:", "eligibility:\n  maxEmployees: 0\nlastChecked:", nameof(OfferInput.MaxEmployees), "0")]
    [InlineData("lastChecked:", "eligibility:\n  maxTurnoverEuros: 0\nlastChecked:", nameof(OfferInput.MaxTurnoverEuros), "0")]
    [InlineData("lastChecked:", "nextWindowExpected:\n  date: 1999-01-01\n  estimate: true\nlastChecked:", nameof(OfferInput.NextWindowDate), "1999-01-01")]
    [InlineData("lastChecked:", "status: closed-until\nlastChecked:", nameof(OfferInput.Status), "closed-until")]
    [InlineData("lastChecked:", "status: ended\nnextWindowExpected:\n  date: 2027-01-01\n  estimate: true\nlastChecked:", nameof(OfferInput.NextWindowDate), "2027-01-01")]
    [InlineData("kinds: [fund, voucher]", "kinds: []", nameof(OfferInput.Kinds), "")]
    [InlineData("provinces: [gelderland]", "regions: [atlantis]", nameof(OfferInput.Regions), "atlantis")]
    [InlineData("provinces: [gelderland]", "provinces: [gelre]", nameof(OfferInput.Provinces), "gelre")]
    [InlineData("sizes: [micro, small, medium]", "sizes: [huge]", nameof(OfferInput.Sizes), "huge")]
    [InlineData("audiences: [employer]", "audiences: [students]", nameof(OfferInput.Audiences), "students")]
    public void A_value_the_loader_refuses_the_form_refuses_too(string find, string replace, string field, string value)
    {
        var loader = LoaderAccepts(find, replace);
        var (form, _) = FormAccepts(i =>
        {
            switch (field)
            {
                case nameof(OfferInput.Percentage): i.Percentage = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case nameof(OfferInput.MaximumEuros): i.MaximumEuros = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case nameof(OfferInput.MinimumCostsEuros): i.MinimumCostsEuros = (int)Math.Min(long.Parse(value, System.Globalization.CultureInfo.InvariantCulture), int.MaxValue); break;
                case nameof(OfferInput.MinEmployees): (i.MinEmployees, i.MaxEmployees) = (300, 250); break;
                case nameof(OfferInput.MaxEmployees): i.MaxEmployees = 0; break;
                case nameof(OfferInput.MaxTurnoverEuros): i.MaxTurnoverEuros = 0; break;
                case nameof(OfferInput.NextWindowDate) when value == "1999-01-01": i.NextWindowDate = new DateOnly(1999, 1, 1); break;
                case nameof(OfferInput.NextWindowDate): (i.Status, i.NextWindowDate) = (OfferTerms.Ended, new DateOnly(2027, 1, 1)); break;
                case nameof(OfferInput.Status): (i.Status, i.ClosedUntil) = (OfferTerms.ClosedUntil, null); break;
                case nameof(OfferInput.Kinds): i.Kinds = []; break;
                case nameof(OfferInput.Regions): i.Regions = [value]; break;
                case nameof(OfferInput.Provinces): i.Provinces = [value]; break;
                case nameof(OfferInput.Sizes): i.Sizes = [value]; break;
                case nameof(OfferInput.Audiences): i.Audiences = [value]; break;
                default: throw new ArgumentOutOfRangeException(nameof(field), field, null);
            }
        });

        Assert.False(loader, "the loader accepted it");
        Assert.False(form, "the form accepted it");
    }

    [Theory]
    [InlineData("leerbon-twente", true)]
    [InlineData("slim-regeling-2030", true)]
    [InlineData("Leerbon", false)]
    [InlineData("leerbon twente", false)]
    [InlineData("-leerbon", false)]
    [InlineData("leerbon--twente", false)]
    [InlineData("nieuw", false)]
    [InlineData("", false)]
    public void A_slug_is_lower_case_words_joined_by_single_hyphens_and_never_an_editors_page(string slug, bool valid)
    {
        Assert.Equal(valid, OfferRules.IsSlug(slug));
        if (slug.Length > 0)
        {
            var yaml = Base().Replace("slug: gelrepact", $"slug: \"{slug}\"", StringComparison.Ordinal);
            var loads = Record.Exception(() => OfferContent.Parse(slug + ".yaml", yaml, Reference)) is null;
            Assert.Equal(valid, loads);
        }
    }

    [Fact]
    public void Every_shipped_offer_passes_the_form_unchanged()
    {
        foreach (var offer in OfferContent.LoadFolder(Folder, Reference))
        {
            var input = new OfferInput();
            input.Fill(offer);
            var errors = new ModelStateDictionary();

            var read = new OfferForm(errors, Reference, new KeyLocalizer()).Read(input, offer.Slug, offer, Today);

            Assert.True(read is not null, $"{offer.Slug}: {string.Join("; ", errors.SelectMany(e => e.Value!.Errors.Select(x => $"{e.Key} {x.ErrorMessage}")))}");
            Assert.Equal(OfferEntry.Write(offer), OfferEntry.Write(read));
        }
    }
}
