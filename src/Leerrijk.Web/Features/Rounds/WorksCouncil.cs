using System.ComponentModel.DataAnnotations;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Infrastructure.Forms;

namespace Leerrijk.Web.Features.Rounds;

/// <summary>Who spoke for the staff when a round was agreed: the body the WOR gives a company of its size, or a staff meeting.</summary>
public enum ConsultedBody
{
    /// <summary>Ondernemingsraad (OR): mandatory from 50 staff, with consent rights (WOR art. 27).</summary>
    WorksCouncil,

    /// <summary>Personeelsvertegenwoordiging (PVT): optional for 10–49 staff, with fewer rights (WOR art. 35c).</summary>
    StaffRepresentation,

    /// <summary>Personeelsvergadering: all staff together, where there is no OR or PVT.</summary>
    StaffMeeting,
}

/// <summary>Which body the WOR expects in a company, read from its head count (the reminder on the round form and the sheet).</summary>
public static class WorksCouncilRules
{
    /// <summary>From this head count a company must have a works council (WOR art. 2).</summary>
    public const int WorksCouncilFrom = 50;

    /// <summary>From this head count a company may set up a staff representation (WOR art. 35c).</summary>
    public const int StaffRepresentationFrom = 10;

    /// <summary>
    /// The body a company of this size has or may have: the works council from 50 staff, the staff representation from
    /// 10, none below. The head count decides when it is known; otherwise the size band, which only says "50 or more"
    /// for Medium and Large and "10 or more" for Small.
    /// </summary>
    public static ConsultedBody? ExpectedBody(Organisation organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var lowest = organisation.Employees ?? SizeClasses.Range(organisation.SizeClass).Low;
        return lowest >= WorksCouncilFrom ? ConsultedBody.WorksCouncil
            : lowest >= StaffRepresentationFrom ? ConsultedBody.StaffRepresentation
            : null;
    }
}

/// <summary>The owner's record that the staff's representatives agreed to a round: a date, the body and an optional note.</summary>
public sealed class WorksCouncilAgreement
{
    public const int NoteMaxLength = 500;

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.AgreedOn")]
    public DateOnly? AgreedOn { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.ConsultedBody")]
    public ConsultedBody? Body { get; set; }

    [StringLength(NoteMaxLength, ErrorMessage = "Validation.MaxLength")]
    [StorableText]
    [Display(Name = "Field.AgreementNote")]
    public string? Note { get; set; }

    /// <summary>What is wrong beyond the attributes: an agreement cannot lie in the future (it records what happened).</summary>
    public IEnumerable<(string Field, string Key)> Check(DateOnly today)
    {
        if (AgreedOn is { } on && on > today)
        {
            yield return (nameof(AgreedOn), "WorksCouncil.AgreedInFuture");
        }
    }

    /// <summary>Writes the agreement onto the round; a blank note is stored as none.</summary>
    public void ApplyTo(Round round)
    {
        ArgumentNullException.ThrowIfNull(round);
        round.WorksCouncilAgreedOn = AgreedOn;
        round.WorksCouncilBody = Body;
        round.WorksCouncilNote = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim();
    }
}
