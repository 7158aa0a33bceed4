using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Infrastructure.Forms;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Organisations;

/// <summary>The organisation profile as a form: used when an organisation is created and when its owner edits it.</summary>
public sealed class OrganisationProfileInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Organisation.NameMaxLength, ErrorMessage = "Validation.MaxLength")]
    [StorableText]
    [Display(Name = "Field.OrganisationName")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Validation.Choose")]
    [Display(Name = "Field.Sector")]
    public string? SbiSection { get; set; }

    [Required(ErrorMessage = "Validation.Choose")]
    [Display(Name = "Field.SizeClass")]
    public SizeClass? SizeClass { get; set; }

    [Required(ErrorMessage = "Validation.Choose")]
    [Display(Name = "Field.Province")]
    public string? ProvinceId { get; set; }

    [Required(ErrorMessage = "Validation.Choose")]
    [Display(Name = "Field.Region")]
    public string? LabourMarketRegionId { get; set; }

    [RegularExpression("^[0-9]{8}$", ErrorMessage = "Validation.Kvk")]
    [Display(Name = "Field.Kvk")]
    public string? KvkNumber { get; set; }

    /// <summary>Head count as typed; optional, read by <see cref="NumberField"/> so "1.200" is twelve hundred.</summary>
    [Display(Name = "Field.Employees")]
    public string? Employees { get; set; }

    /// <summary>Yearly turnover in euros as typed ("2.500.000"); optional.</summary>
    [Display(Name = "Field.Turnover")]
    public string? Turnover { get; set; }

    /// <summary>A head count: a whole number from 1; the wegwijzer's filter reads it the same way.</summary>
    public static readonly NumberRule EmployeesRule = new(1, SizeClasses.MaxEmployees, 0, Euros: false, Required: false);

    /// <summary>A yearly turnover in whole euros, up to <see cref="SizeClasses.MaxTurnoverEuros"/>.</summary>
    public static readonly NumberRule TurnoverRule = new(0, SizeClasses.MaxTurnoverEuros, 0, Euros: true, Required: false);

    private int? employees;
    private long? turnover;

    /// <summary>Checks the choices against the reference lists, which attributes cannot see, and reads the numbers.</summary>
    public void ValidateChoices(ReferenceData reference, ModelStateDictionary modelState, IStringLocalizer l, string prefix)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(l);
        employees = (int?)NumberField.Read(modelState, $"{prefix}.{nameof(Employees)}", Employees, EmployeesRule, l["Field.Employees"], l);
        turnover = (long?)NumberField.Read(modelState, $"{prefix}.{nameof(Turnover)}", Turnover, TurnoverRule, l["Field.Turnover"], l);
        if (employees is { } count && SizeClass is { } chosen && Enum.IsDefined(chosen) && SizeClasses.Of(count) != chosen)
        {
            // Two answers that contradict each other would give the wegwijzer and the norm groups different companies.
            modelState.AddModelError($"{prefix}.{nameof(Employees)}", l["Organisation.EmployeesOtherSize", count, l["SizeClass." + SizeClasses.Of(count)], l["SizeClass." + chosen]]);
        }

        if (SbiSection is not null && !reference.IsSbiSection(SbiSection))
        {
            modelState.AddModelError($"{prefix}.{nameof(SbiSection)}", l["Validation.NotInList"]);
        }

        if (SizeClass is { } size && !Enum.IsDefined(size))
        {
            modelState.AddModelError($"{prefix}.{nameof(SizeClass)}", l["Validation.NotInList"]);
        }

        if (ProvinceId is not null && !reference.IsProvince(ProvinceId))
        {
            modelState.AddModelError($"{prefix}.{nameof(ProvinceId)}", l["Validation.NotInList"]);
        }

        if (LabourMarketRegionId is not null && !reference.IsLabourMarketRegion(LabourMarketRegionId))
        {
            modelState.AddModelError($"{prefix}.{nameof(LabourMarketRegionId)}", l["Validation.NotInList"]);
        }
    }

    public void ApplyTo(Organisation organisation)
    {
        organisation.Name = Name!.Trim();
        organisation.SbiSection = SbiSection!;
        organisation.SectorScheme = ReferenceDataSchemes.Sbi2008;
        organisation.SizeClass = SizeClass!.Value;
        organisation.ProvinceId = ProvinceId!;
        organisation.LabourMarketRegionId = LabourMarketRegionId!;
        organisation.KvkNumber = string.IsNullOrWhiteSpace(KvkNumber) ? null : KvkNumber.Trim();
        organisation.Employees = employees;
        organisation.TurnoverEuros = turnover;
    }

    public static OrganisationProfileInput From(Organisation organisation) => new()
    {
        Name = organisation.Name,
        SbiSection = organisation.SbiSection,
        SizeClass = organisation.SizeClass,
        ProvinceId = organisation.ProvinceId,
        LabourMarketRegionId = organisation.LabourMarketRegionId,
        KvkNumber = organisation.KvkNumber,
        Employees = organisation.Employees?.ToString(CultureInfo.InvariantCulture),
        Turnover = organisation.TurnoverEuros?.ToString(CultureInfo.InvariantCulture),
    };
}
