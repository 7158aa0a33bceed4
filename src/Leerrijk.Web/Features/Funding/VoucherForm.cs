using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Wegwijzer;
using Leerrijk.Web.Infrastructure.Forms;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Funding;

/// <summary>A voucher as typed in the register's form. Amounts are text, read by <see cref="DecimalText"/>, so
/// "1.250,50" and "1250.50" both mean € 1250,50 in either language.</summary>
public sealed class VoucherInput
{
    [StorableText]
    [Display(Name = "Voucher.Scheme")]
    [StringLength(Voucher.SchemeMaxLength, ErrorMessage = "Validation.MaxLength")]
    public string? Scheme { get; set; }

    [StorableText(AllowLineBreaks = true)]
    [Display(Name = "Voucher.Purpose")]
    [StringLength(Voucher.PurposeMaxLength, ErrorMessage = "Validation.MaxLength")]
    public string? Purpose { get; set; }

    /// <summary>The wegwijzer offer picked; with one, <see cref="Scheme"/> may stay empty and takes its title.</summary>
    public string? OfferSlug { get; set; }

    [Display(Name = "Voucher.Step")]
    public Guid? ActionStepId { get; set; }

    [Display(Name = "Voucher.Support")]
    public Guid? SupportOrganisationId { get; set; }

    [Display(Name = "Voucher.AmountRequested")]
    public string? AmountRequested { get; set; }

    [Display(Name = "Voucher.AmountGranted")]
    public string? AmountGranted { get; set; }

    [Display(Name = "Voucher.AmountSpent")]
    public string? AmountSpent { get; set; }

    [Display(Name = "Voucher.OwnContribution")]
    public string? OwnContribution { get; set; }

    [Display(Name = "Voucher.Status")]
    public VoucherStatus? Status { get; set; }

    [Display(Name = "Voucher.RequestedOn")]
    public DateOnly? RequestedOn { get; set; }

    [Display(Name = "Voucher.DecidedOn")]
    public DateOnly? DecidedOn { get; set; }

    [Display(Name = "Voucher.SpentOn")]
    public DateOnly? SpentOn { get; set; }

    [Display(Name = "Voucher.AccountedOn")]
    public DateOnly? AccountedOn { get; set; }

    /// <summary>The version of the voucher the form showed (edit only).</summary>
    public int? Version { get; set; }

    public static VoucherInput From(Voucher voucher, CultureInfo culture) => new()
    {
        Scheme = voucher.Scheme,
        OfferSlug = voucher.OfferSlug,
        Purpose = voucher.Purpose,
        ActionStepId = voucher.ActionStepId,
        SupportOrganisationId = voucher.SupportOrganisationId,
        AmountRequested = DecimalText.Format(voucher.AmountRequested, culture),
        AmountGranted = DecimalText.Format(voucher.AmountGranted, culture),
        AmountSpent = DecimalText.Format(voucher.AmountSpent, culture),
        OwnContribution = DecimalText.Format(voucher.OwnContribution, culture),
        Status = voucher.Status,
        RequestedOn = voucher.RequestedOn,
        DecidedOn = voucher.DecidedOn,
        SpentOn = voucher.SpentOn,
        AccountedOn = voucher.AccountedOn,
        Version = voucher.Version,
    };
}

/// <summary>An option in one of the form's lists: a plan step or a connected support organisation.</summary>
public sealed record Choice(Guid Id, string Text);

/// <summary>What the voucher form offers: the company's plan steps, the support organisations it is connected to today,
/// and the wegwijzer offers that fit or may fit it (with the one already picked).</summary>
public sealed record VoucherChoices(IReadOnlyList<Choice> Steps, IReadOnlyList<Choice> Supports, IReadOnlyList<OfferVerdict> Offers);

/// <summary>A page that shows the voucher form (the register's "add" and the edit page), for the shared fields partial.</summary>
public interface IVoucherFormPage
{
    VoucherInput Input { get; }

    VoucherChoices Choices { get; }
}

/// <summary>What a voucher form says once read, ready to store.</summary>
public sealed record VoucherValues(
    string Scheme, string? OfferSlug, string Purpose, Guid? ActionStepId, Guid? SupportOrganisationId,
    decimal? AmountRequested, decimal? AmountGranted, decimal? AmountSpent, decimal? OwnContribution,
    VoucherStatus Status, DateOnly? RequestedOn, DateOnly? DecidedOn, DateOnly? SpentOn, DateOnly? AccountedOn)
{
    /// <summary>More spent than granted: allowed (the company pays the rest itself), but worth a warning.</summary>
    public bool Overspent => AmountSpent is { } spent && AmountGranted is { } granted && spent > granted;

    public Voucher ApplyTo(Voucher voucher)
    {
        voucher.Scheme = Scheme;
        voucher.OfferSlug = OfferSlug;
        voucher.Purpose = Purpose;
        voucher.ActionStepId = ActionStepId;
        voucher.SupportOrganisationId = SupportOrganisationId;
        voucher.AmountRequested = AmountRequested;
        voucher.AmountGranted = AmountGranted;
        voucher.AmountSpent = AmountSpent;
        voucher.OwnContribution = OwnContribution;
        voucher.Status = Status;
        voucher.RequestedOn = RequestedOn;
        voucher.DecidedOn = DecidedOn;
        voucher.SpentOn = SpentOn;
        voucher.AccountedOn = AccountedOn;
        return voucher;
    }
}

/// <summary>How reading a voucher form ended.</summary>
public enum VoucherReading
{
    Valid,

    /// <summary>Messages stand beside the fields; nothing may be stored.</summary>
    Invalid,

    /// <summary>The form named a plan step that is not this company's: answered as 404, like any foreign object.</summary>
    StepNotFound,
}

/// <summary>
/// The rules of the voucher register, shared by the "add" form and the edit page, for the company of the current
/// request (its plan steps and consent grants come through the tenancy filter).
/// </summary>
/// <remarks>
/// <para>Amounts are euros with cents, from 0 to <see cref="Voucher.MaxAmount"/>; own contribution is optional.</para>
/// <para>Status and dates follow idea → requested → granted → spent → accounted (or refused after requested). The date of
/// the current stage is required, and from the decision on the decision date too (a budget year is counted from it);
/// dates of later stages stay empty; the dates given follow each other in that order; none lies in the future.</para>
/// <para>A requested amount belongs to every stage after the idea; a granted amount to granted, spent and accounted
/// (and not to a refusal); a spent amount to spent and accounted, and may already be noted while granted.</para>
/// <para>Granted may be more or less than requested: funds round and adjust, so nothing is said. Spent may exceed
/// granted, because the company pays the difference itself; it is stored, with a warning in the register and on save,
/// and a budget counts at most the granted amount as spent.</para>
/// </remarks>
public sealed class VoucherForm(LeerrijkDbContext db, OfferAdvice advice, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    private const string Prefix = "Input.";

    private static readonly NumberRule Amount = new(0, Voucher.MaxAmount, 2, Euros: true, Required: false);

    /// <summary>The company's plan steps, the support organisations with an active grant today and the offers that fit or may
    /// fit; <paramref name="keepSupportId"/> and <paramref name="keepOfferSlug"/> (the voucher's current ones) stay in the
    /// lists even when the grant has ended or the offer no longer fits, so saving does not change them unasked.</summary>
    /// <param name="organisationId">The company of the request.</param>
    /// <param name="keepSupportId">The voucher's current support organisation, if any.</param>
    /// <param name="keepOfferSlug">The voucher's current offer, if any.</param>
    /// <param name="cancellationToken">Cancels the look-ups.</param>
    public async Task<VoucherChoices> ChoicesAsync(Guid organisationId, Guid? keepSupportId, string? keepOfferSlug, CancellationToken cancellationToken)
    {
        var steps = await db.ActionSteps.AsNoTracking().OrderBy(s => s.CreatedAtUtc)
            .Select(s => new Choice(s.Id, s.Title)).ToListAsync(cancellationToken);
        var supportIds = await ConnectedSupportIds().ToListAsync(cancellationToken);
        if (keepSupportId is { } keep && !supportIds.Contains(keep))
        {
            supportIds.Add(keep);
        }

        var supports = await db.SupportOrganisations.AsNoTracking().Where(s => supportIds.Contains(s.Id)).OrderBy(s => s.Name)
            .Select(s => new Choice(s.Id, s.Name)).ToListAsync(cancellationToken);
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == organisationId, cancellationToken);
        var offers = await advice.ChoicesAsync(OfferAdvice.ProfileOf(organisation), [keepOfferSlug], LocalizationSetup.Today(clock), CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, cancellationToken);
        return new(steps, supports, offers);
    }

    /// <summary>Reads <paramref name="input"/>, putting a plain message beside every wrong field.</summary>
    /// <param name="input">The form as posted.</param>
    /// <param name="modelState">Where the messages go (keys "Input.…").</param>
    /// <param name="choices">The lists the form showed, from <see cref="ChoicesAsync"/> (the picked offer must be one of them).</param>
    /// <param name="currentSupportId">The support organisation the voucher draws on now, accepted even when no longer connected.</param>
    /// <param name="cancellationToken">Cancels the look-ups.</param>
    public async Task<(VoucherReading Reading, VoucherValues? Values)> ReadAsync(
        VoucherInput input, ModelStateDictionary modelState, VoucherChoices choices, Guid? currentSupportId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(modelState);
        if (input.ActionStepId is { } stepId && !await db.ActionSteps.AnyAsync(s => s.Id == stepId, cancellationToken))
        {
            return (VoucherReading.StepNotFound, null);
        }

        if (input.SupportOrganisationId is { } supportId && supportId != currentSupportId
            && !await ConnectedSupportIds().AnyAsync(id => id == supportId, cancellationToken))
        {
            modelState.AddModelError(Prefix + nameof(VoucherInput.SupportOrganisationId), l["Voucher.SupportNotConnected"]);
        }

        var (offer, offerError) = OfferAdvice.Pick(input.OfferSlug, choices.Offers);
        if (offerError is not null)
        {
            modelState.AddModelError(Prefix + nameof(VoucherInput.OfferSlug), l[offerError]);
        }

        // A picked offer names the scheme; typing one stays possible for schemes the wegwijzer does not list.
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var scheme = offer is not null && string.IsNullOrWhiteSpace(input.Scheme)
            ? Truncate(offer.Title.For(language), Voucher.SchemeMaxLength)
            : Required(input.Scheme, nameof(VoucherInput.Scheme), "Voucher.Scheme", modelState);
        var purpose = Required(input.Purpose, nameof(VoucherInput.Purpose), "Voucher.Purpose", modelState);
        var status = input.Status;
        if (status is null || !Enum.IsDefined(status.Value))
        {
            modelState.AddModelError(Prefix + nameof(VoucherInput.Status), l["Validation.Choose", l["Voucher.Status"]]);
            status = null;
        }

        var stage = status is { } s ? Stage(s) : 0;
        var statusName = status is { } named ? l["Voucher.Status." + named].Value : "";
        var granted = status is VoucherStatus.Granted or VoucherStatus.Spent or VoucherStatus.Accounted;
        var spent = status is VoucherStatus.Spent or VoucherStatus.Accounted;

        var requestedAmount = ReadAmount(input.AmountRequested, nameof(VoucherInput.AmountRequested), "Voucher.AmountRequested", required: stage >= 1, allowed: true);
        var grantedAmount = ReadAmount(input.AmountGranted, nameof(VoucherInput.AmountGranted), "Voucher.AmountGranted", required: granted, allowed: granted);
        var spentAmount = ReadAmount(input.AmountSpent, nameof(VoucherInput.AmountSpent), "Voucher.AmountSpent", required: spent, allowed: granted);
        var ownContribution = ReadAmount(input.OwnContribution, nameof(VoucherInput.OwnContribution), "Voucher.OwnContribution", required: false, allowed: true);

        // Each date with the stage it belongs to, in the order they must follow each other.
        var today = LocalizationSetup.Today(clock);
        (DateOnly? Value, string Field, string Label, int Stage, bool Required)[] dates =
        [
            (input.RequestedOn, nameof(VoucherInput.RequestedOn), "Voucher.RequestedOn", 1, status == VoucherStatus.Requested),
            (input.DecidedOn, nameof(VoucherInput.DecidedOn), "Voucher.DecidedOn", 2, stage >= 2),
            (input.SpentOn, nameof(VoucherInput.SpentOn), "Voucher.SpentOn", 3, stage >= 3),
            (input.AccountedOn, nameof(VoucherInput.AccountedOn), "Voucher.AccountedOn", 4, stage >= 4),
        ];
        (DateOnly Value, string Label)? previous = null;
        foreach (var date in dates)
        {
            if (status is not null && date.Value is not null && date.Stage > stage)
            {
                modelState.AddModelError(Prefix + date.Field, l["Voucher.DateForLaterStage", l[date.Label], statusName]);
                continue;
            }

            if (!DateField.Check(modelState, Prefix + date.Field, date.Value, date.Required && status is not null, today, latest: null, l[date.Label], l) || date.Value is not { } on)
            {
                continue;
            }

            if (previous is { } before && on < before.Value)
            {
                modelState.AddModelError(Prefix + date.Field, l["Voucher.DateOrder", l[date.Label], l[before.Label], before.Value.ToString("d", CultureInfo.CurrentCulture)]);
            }

            previous = (on, date.Label);
        }

        if (!modelState.IsValid || scheme is null || purpose is null || status is null)
        {
            return (VoucherReading.Invalid, null);
        }

        return (VoucherReading.Valid, new VoucherValues(
            scheme, offer?.Slug, purpose, input.ActionStepId, input.SupportOrganisationId, requestedAmount, grantedAmount, spentAmount, ownContribution,
            status.Value, input.RequestedOn, input.DecidedOn, input.SpentOn, input.AccountedOn));

        decimal? ReadAmount(string? text, string field, string label, bool required, bool allowed)
        {
            if (!allowed && !string.IsNullOrWhiteSpace(text) && DecimalText.Parse(text, 2) is not { Outcome: DecimalTextOutcome.Number, Value: 0 })
            {
                modelState.AddModelError(Prefix + field, l["Voucher.AmountNotAtThisStatus", l[label], statusName]);
                return null;
            }

            var amount = NumberField.Read(modelState, Prefix + field, text, Amount with { Required = required && status is not null }, l[label], l);
            return allowed ? amount : null;
        }
    }

    /// <summary>How far along a voucher is: idea 0, requested 1, decided (granted or refused) 2, spent 3, accounted 4.</summary>
    public static int Stage(VoucherStatus status) => status switch
    {
        VoucherStatus.Idea => 0,
        VoucherStatus.Requested => 1,
        VoucherStatus.Granted or VoucherStatus.Refused => 2,
        VoucherStatus.Spent => 3,
        VoucherStatus.Accounted => 4,
        _ => 0,
    };

    /// <summary>The statuses in the order a voucher goes through them, refusal last.</summary>
    public static IReadOnlyList<VoucherStatus> Statuses { get; } =
        [VoucherStatus.Idea, VoucherStatus.Requested, VoucherStatus.Granted, VoucherStatus.Spent, VoucherStatus.Accounted, VoucherStatus.Refused];

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private IQueryable<Guid> ConnectedSupportIds()
    {
        var today = LocalizationSetup.Today(clock);
        return db.ConsentGrants.Where(ConsentGrant.ActiveOn(today)).Select(g => g.SupportOrganisationId).Distinct();
    }

    private string? Required(string? text, string field, string label, ModelStateDictionary modelState)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (modelState.GetFieldValidationState(Prefix + field) != ModelValidationState.Invalid)
            {
                modelState.AddModelError(Prefix + field, l["Validation.Required", l[label]]);
            }

            return null;
        }

        return trimmed;
    }
}

/// <summary>Euro amounts as people read them: "€ 1.250,50" in Dutch, "€ 1,250.50" in English.</summary>
public static class Euros
{
    public static string Format(decimal? amount, CultureInfo culture) =>
        amount is { } a ? "€ " + a.ToString("#,0.00", culture) : "–";
}
