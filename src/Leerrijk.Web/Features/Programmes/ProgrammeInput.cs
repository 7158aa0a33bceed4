using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Infrastructure.Forms;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Programmes;

/// <summary>
/// The programme form, shared by "Nieuw programma" and "Programma bewerken": what the coordinator types, the rules it
/// must meet (each broken rule a message beside its field) and how it lands on a <see cref="Programme"/>.
/// </summary>
/// <remarks>
/// Numbers are typed as text and read by <see cref="NumberField"/>, so "12,5", "-3" and "veel" get a plain message
/// rather than the binder's. Instruments are the scans a round starts on (not the add-on modules): the monitor pairs a
/// company's baseline and follow-up round by the round's instrument, and a module is always part of such a round.
/// </remarks>
public sealed class ProgrammeInput
{
    /// <summary>The most companies, scans, plans or follow-ups a target may name: beyond any regional programme.</summary>
    public const int MaxCount = 100_000;

    /// <summary>The highest company threshold a programme may set: more would hide every figure of a regional programme.</summary>
    public const int HighestMinCompanies = 100;

    /// <summary>The longest a programme may run: funders' periods are four years at most, ten leaves room.</summary>
    public const int MaxYears = 10;

    /// <summary>How far ahead a programme may start: further is a typing slip.</summary>
    public const int MaxYearsAhead = 5;

    public static readonly NumberRule CountRule = new(0, MaxCount, 0, Euros: false, Required: false);

    public static readonly NumberRule PercentRule = new(0, 100, 1, Euros: false, Required: false);

    public static readonly NumberRule MinCompaniesRule = new(Programme.LowestMinCompanies, HighestMinCompanies, 0, Euros: false, Required: true);

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Programme.NameMaxLength, ErrorMessage = "Validation.MaxLength")]
    [StorableText]
    [Display(Name = "Programme.Field.Name")]
    public string? Name { get; set; }

    [StringLength(Programme.DescriptionMaxLength, ErrorMessage = "Validation.MaxLength")]
    [StorableText(AllowLineBreaks = true)]
    [Display(Name = "Programme.Field.Description")]
    public string? Description { get; set; }

    [Display(Name = "Programme.Field.StartsOn")]
    public DateOnly? StartsOn { get; set; }

    [Display(Name = "Programme.Field.EndsOn")]
    public DateOnly? EndsOn { get; set; }

    [Display(Name = "Programme.Field.Provinces")]
    public List<string> ProvinceIds { get; set; } = [];

    [Display(Name = "Programme.Field.Regions")]
    public List<string> LabourMarketRegionIds { get; set; } = [];

    [Display(Name = "Programme.Field.Sectors")]
    public List<string> SbiSections { get; set; } = [];

    [Display(Name = "Programme.Field.Instruments")]
    public List<string> InstrumentIds { get; set; } = [];

    [Display(Name = "Programme.Field.TargetCompanies")]
    public string? TargetCompanies { get; set; }

    [Display(Name = "Programme.Field.TargetBaselines")]
    public string? TargetBaselines { get; set; }

    [Display(Name = "Programme.Field.TargetPlans")]
    public string? TargetPlans { get; set; }

    [Display(Name = "Programme.Field.TargetFollowUps")]
    public string? TargetFollowUps { get; set; }

    [Display(Name = "Programme.Field.TargetDevelopmentPlanPercent")]
    public string? TargetDevelopmentPlanPercent { get; set; }

    [Display(Name = "Programme.Field.TargetTrainedPercent")]
    public string? TargetTrainedPercent { get; set; }

    [Display(Name = "Programme.Field.MinCompanies")]
    public string? MinCompanies { get; set; }

    /// <summary>The instruments a programme may name: those a round starts on.</summary>
    public static IReadOnlyList<Leerrijk.Scoring.Instruments.Instrument> Choosable(InstrumentCatalog catalog) => [.. catalog.All.Where(i => !i.IsModule)];

    public static ProgrammeInput From(Programme p)
    {
        var culture = CultureInfo.CurrentCulture;
        return new ProgrammeInput
        {
            Name = p.Name,
            Description = p.Description,
            StartsOn = p.StartsOn,
            EndsOn = p.EndsOn,
            ProvinceIds = [.. p.ProvinceIds],
            LabourMarketRegionIds = [.. p.LabourMarketRegionIds],
            SbiSections = [.. p.SbiSections],
            InstrumentIds = [.. p.InstrumentIds],
            TargetCompanies = p.TargetCompanies?.ToString(culture),
            TargetBaselines = p.TargetBaselines?.ToString(culture),
            TargetPlans = p.TargetPlans?.ToString(culture),
            TargetFollowUps = p.TargetFollowUps?.ToString(culture),
            TargetDevelopmentPlanPercent = DecimalText.Format(p.TargetDevelopmentPlanPercent, culture),
            TargetTrainedPercent = DecimalText.Format(p.TargetTrainedPercent, culture),
            MinCompanies = p.MinCompanies.ToString(culture),
        };
    }

    /// <summary>
    /// Checks everything the attributes cannot and writes the input onto <paramref name="programme"/> when all is well
    /// (returns false, and changes nothing, otherwise). <paramref name="minCompaniesLocked"/>: a company joined, so the
    /// threshold of this period stays as it is whatever was posted.
    /// </summary>
    /// <param name="programme">The programme to change (a new one, or the stored one).</param>
    /// <param name="minCompaniesLocked">Whether the threshold can no longer change.</param>
    /// <param name="today">Today, for the range of the start date.</param>
    /// <param name="reference">Provinces, regions and sectors to check the choices against.</param>
    /// <param name="catalog">The instruments to check the choices against.</param>
    /// <param name="modelState">Where the messages go, under "Input.…".</param>
    /// <param name="l">The texts.</param>
    public bool TryApply(
        Programme programme, bool minCompaniesLocked, DateOnly today, ReferenceData reference, InstrumentCatalog catalog, ModelStateDictionary modelState, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(l);

        var startOk = DateField.Check(modelState, Key(nameof(StartsOn)), StartsOn, required: true, today, today.AddYears(MaxYearsAhead), l["Programme.Field.StartsOn"], l);
        if (modelState.GetFieldValidationState(Key(nameof(EndsOn))) != ModelValidationState.Invalid)
        {
            if (EndsOn is not { } end)
            {
                modelState.AddModelError(Key(nameof(EndsOn)), l["Validation.Required", l["Programme.Field.EndsOn"]]);
            }
            else if (startOk && StartsOn is { } start && end <= start)
            {
                modelState.AddModelError(Key(nameof(EndsOn)), l["Programme.Field.EndBeforeStart"]);
            }
            else if (startOk && StartsOn is { } from && end > from.AddYears(MaxYears))
            {
                modelState.AddModelError(Key(nameof(EndsOn)), l["Programme.Field.TooLong", MaxYears]);
            }
        }

        Known(ProvinceIds, reference.IsProvince, nameof(ProvinceIds), modelState, l);
        Known(LabourMarketRegionIds, reference.IsLabourMarketRegion, nameof(LabourMarketRegionIds), modelState, l);
        Known(SbiSections, reference.IsSbiSection, nameof(SbiSections), modelState, l);
        var choosable = Choosable(catalog);
        if (InstrumentIds.Count == 0)
        {
            modelState.AddModelError(Key(nameof(InstrumentIds)), l["Programme.Field.InstrumentRequired"]);
        }
        else
        {
            Known(InstrumentIds, id => choosable.Any(i => i.Id == id), nameof(InstrumentIds), modelState, l);
        }

        var companies = Count(nameof(TargetCompanies), TargetCompanies, "Programme.Field.TargetCompanies", modelState, l);
        var baselines = Count(nameof(TargetBaselines), TargetBaselines, "Programme.Field.TargetBaselines", modelState, l);
        var plans = Count(nameof(TargetPlans), TargetPlans, "Programme.Field.TargetPlans", modelState, l);
        var followUps = Count(nameof(TargetFollowUps), TargetFollowUps, "Programme.Field.TargetFollowUps", modelState, l);
        AtMost(baselines, companies, nameof(TargetBaselines), "Programme.Field.TargetBaselines", modelState, l);
        AtMost(plans, companies, nameof(TargetPlans), "Programme.Field.TargetPlans", modelState, l);

        // A follow-up scan repeats a baseline, so there cannot be more of them than baselines (or companies).
        AtMost(followUps, baselines ?? companies, nameof(TargetFollowUps), "Programme.Field.TargetFollowUps", modelState, l,
            baselines is null ? null : "Programme.Field.TargetBaselines");
        var developmentPlans = NumberField.Read(
            modelState, Key(nameof(TargetDevelopmentPlanPercent)), TargetDevelopmentPlanPercent, PercentRule, l["Programme.Field.TargetDevelopmentPlanPercent"], l);
        var trained = NumberField.Read(modelState, Key(nameof(TargetTrainedPercent)), TargetTrainedPercent, PercentRule, l["Programme.Field.TargetTrainedPercent"], l);
        var minCompanies = minCompaniesLocked
            ? programme.MinCompanies
            : (int?)NumberField.Read(modelState, Key(nameof(MinCompanies)), MinCompanies, MinCompaniesRule, l["Programme.Field.MinCompanies"], l);

        if (!modelState.IsValid)
        {
            return false;
        }

        programme.Name = Name!.Trim();
        programme.Description = Description?.Trim() ?? "";
        programme.StartsOn = StartsOn!.Value;
        programme.EndsOn = EndsOn!.Value;
        programme.ProvinceIds = [.. ProvinceIds.Distinct(StringComparer.Ordinal)];
        programme.LabourMarketRegionIds = [.. LabourMarketRegionIds.Distinct(StringComparer.Ordinal)];
        programme.SbiSections = [.. SbiSections.Distinct(StringComparer.Ordinal)];

        // The order the coordinator's catalog shows, so the monitor lists them the same way every time.
        programme.InstrumentIds = [.. choosable.Select(i => i.Id).Where(InstrumentIds.Contains)];
        programme.TargetCompanies = companies;
        programme.TargetBaselines = baselines;
        programme.TargetPlans = plans;
        programme.TargetFollowUps = followUps;
        programme.TargetDevelopmentPlanPercent = developmentPlans;
        programme.TargetTrainedPercent = trained;
        programme.MinCompanies = minCompanies!.Value;
        return true;
    }

    private static string Key(string property) => "Input." + property;

    private static void Known(List<string> ids, Func<string?, bool> known, string property, ModelStateDictionary modelState, IStringLocalizer l)
    {
        if (ids.Any(id => !known(id)))
        {
            modelState.AddModelError(Key(property), l["Validation.NotInList"]);
        }
    }

    private static int? Count(string property, string? text, string label, ModelStateDictionary modelState, IStringLocalizer l) =>
        (int?)NumberField.Read(modelState, Key(property), text, CountRule, l[label], l);

    private static void AtMost(
        int? value, int? limit, string property, string label, ModelStateDictionary modelState, IStringLocalizer l, string? limitLabel = null)
    {
        if (value is { } v && limit is { } most && v > most)
        {
            modelState.AddModelError(Key(property), l["Programme.Field.MoreThan", l[label], l[limitLabel ?? "Programme.Field.TargetCompanies"], most]);
        }
    }
}
