using System.ComponentModel.DataAnnotations;
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

    /// <summary>Checks the choices against the reference lists, which attributes cannot see.</summary>
    public void ValidateChoices(ReferenceData reference, ModelStateDictionary modelState, IStringLocalizer l, string prefix)
    {
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
    }

    public static OrganisationProfileInput From(Organisation organisation) => new()
    {
        Name = organisation.Name,
        SbiSection = organisation.SbiSection,
        SizeClass = organisation.SizeClass,
        ProvinceId = organisation.ProvinceId,
        LabourMarketRegionId = organisation.LabourMarketRegionId,
        KvkNumber = organisation.KvkNumber,
    };
}
