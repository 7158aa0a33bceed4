using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Infrastructure.Forms;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Communities;

/// <summary>
/// The community form, shared by the new pages (support organisation, company) and the edit page: what the facilitator
/// types, the rules it must meet (each broken rule a message beside its field) and how it lands on a <see cref="Community"/>.
/// </summary>
public sealed class CommunityInput
{
    /// <summary>The longest cycle: the seeds' cycles run ten weeks to a school year; two years leaves room.</summary>
    public const int MaxYears = 2;

    /// <summary>How far ahead a cycle may start: further is a typing slip.</summary>
    public const int MaxYearsAhead = 2;

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Community.NameMaxLength, ErrorMessage = "Validation.MaxLength")]
    [StorableText]
    [Display(Name = "Community.Field.Name")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Community.ThemeMaxLength, ErrorMessage = "Validation.MaxLength")]
    [StorableText]
    [Display(Name = "Community.Field.Theme")]
    public string? Theme { get; set; }

    [Required(ErrorMessage = "Validation.Choose")]
    [Display(Name = "Community.Field.Kind")]
    public CommunityKind? Kind { get; set; }

    [StringLength(Community.DescriptionMaxLength, ErrorMessage = "Validation.MaxLength")]
    [StorableText(AllowLineBreaks = true)]
    [Display(Name = "Community.Field.Description")]
    public string? Description { get; set; }

    [Display(Name = "Community.Field.Province")]
    public string? ProvinceId { get; set; }

    [Display(Name = "Community.Field.StartsOn")]
    public DateOnly? StartsOn { get; set; }

    [Display(Name = "Community.Field.EndsOn")]
    public DateOnly? EndsOn { get; set; }

    [Display(Name = "Community.Field.OpenForRequests")]
    public bool OpenForRequests { get; set; }

    /// <summary>The stored <see cref="Community.Version"/> the form was loaded with (edit only).</summary>
    public int Version { get; set; }

    public static CommunityInput From(Community c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new()
        {
            Name = c.Name,
            Theme = c.Theme,
            Kind = c.Kind,
            Description = c.Description,
            ProvinceId = c.ProvinceId,
            StartsOn = c.StartsOn,
            EndsOn = c.EndsOn,
            OpenForRequests = c.OpenForRequests,
            Version = c.Version,
        };
    }

    /// <summary>
    /// Checks what the attributes cannot and writes the input onto <paramref name="community"/> when all is well
    /// (returns false, and changes nothing, otherwise).
    /// </summary>
    /// <param name="community">The community to change (a new one, or the stored one).</param>
    /// <param name="today">Today, for the range of the start date.</param>
    /// <param name="earliestStart">The earliest start the form accepts: today for a new community, the stored start when editing one that began.</param>
    /// <param name="reference">The provinces.</param>
    /// <param name="modelState">Where the messages go, under "Input.…".</param>
    /// <param name="l">The texts.</param>
    public bool TryApply(Community community, DateOnly today, DateOnly earliestStart, ReferenceData reference, ModelStateDictionary modelState, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(community);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(l);

        if (Kind is { } kind && !Enum.IsDefined(kind))
        {
            modelState.AddModelError(Key(nameof(Kind)), l["Validation.NotInList"]);
        }

        if (!string.IsNullOrEmpty(ProvinceId) && !reference.IsProvince(ProvinceId))
        {
            modelState.AddModelError(Key(nameof(ProvinceId)), l["Validation.NotInList"]);
        }

        var startOk = StartsOn is { } s && s < earliestStart
            ? Fail(Key(nameof(StartsOn)), l["Community.Field.StartInPast"])
            : DateField.Check(modelState, Key(nameof(StartsOn)), StartsOn, required: true, today, today.AddYears(MaxYearsAhead), l["Community.Field.StartsOn"], l);
        if (modelState.GetFieldValidationState(Key(nameof(EndsOn))) != ModelValidationState.Invalid)
        {
            if (EndsOn is not { } end)
            {
                modelState.AddModelError(Key(nameof(EndsOn)), l["Validation.Required", l["Community.Field.EndsOn"]]);
            }
            else if (startOk && StartsOn is { } start && end <= start)
            {
                modelState.AddModelError(Key(nameof(EndsOn)), l["Community.Field.EndBeforeStart"]);
            }
            else if (startOk && StartsOn is { } from && end > from.AddYears(MaxYears))
            {
                modelState.AddModelError(Key(nameof(EndsOn)), l["Community.Field.TooLong", MaxYears]);
            }
        }

        if (!modelState.IsValid)
        {
            return false;
        }

        community.Name = Name!.Trim();
        community.Theme = Theme!.Trim();
        community.Kind = Kind!.Value;
        community.Description = Description?.Trim() ?? "";
        community.ProvinceId = ProvinceId ?? "";
        community.StartsOn = StartsOn!.Value;
        community.EndsOn = EndsOn!.Value;
        community.OpenForRequests = OpenForRequests;
        return true;

        bool Fail(string key, string message)
        {
            modelState.AddModelError(key, message);
            return false;
        }
    }

    private static string Key(string property) => "Input." + property;
}
