using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Infrastructure.Forms;

namespace Leerrijk.Web.Features.Communities;

/// <summary>What the join forms post: the company, or a guest's school, and whether others see the person's name.</summary>
public class JoinInput
{
    [Display(Name = "Community.Field.Organisation")]
    public Guid? OrganisationId { get; set; }

    [StorableText]
    [StringLength(CommunityMember.AffiliationMaxLength, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Community.Field.Affiliation")]
    public string? Affiliation { get; set; }

    [Display(Name = "Community.Field.ShowsIdentity")]
    public bool ShowsIdentity { get; set; }
}

/// <summary>
/// What the join forms (an invitation, a request) ask, for <c>_JoinChoices</c>: the company the person takes part for,
/// or none (<paramref name="NoneLabelKey"/>: as a guest, or not for a company), a guest's school, and whether others see their name.
/// </summary>
/// <param name="Organisations">The person's companies to choose from; empty when they may not take part for one.</param>
/// <param name="Chosen">The chosen company.</param>
/// <param name="NoneLabelKey">The text of the "no company" choice, or null when a company must be chosen.</param>
/// <param name="AsksAffiliation">Whether the form asks for a school or institution.</param>
/// <param name="Affiliation">The school typed so far.</param>
/// <param name="ShowsIdentity">Whether the box is ticked (unticked unless the person ticked it).</param>
public sealed record JoinChoicesView(
    IReadOnlyList<(Guid Id, string Name)> Organisations, Guid? Chosen, string? NoneLabelKey, bool AsksAffiliation, string? Affiliation, bool ShowsIdentity);
