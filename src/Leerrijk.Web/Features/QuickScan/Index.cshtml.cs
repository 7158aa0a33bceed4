using System.Globalization;
using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Menukaart;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.QuickScan;

/// <summary>
/// /snelscan: any owner answers the Snelscan voor ondernemers without an account, in a few minutes, and sees at once
/// a profile in business language with three first steps. Nothing is stored unless they choose to keep it.
/// </summary>
public sealed class IndexModel(InstrumentCatalog catalog, Menukaart.Menukaart menukaart, QuickScanCarry carry, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string InstrumentId = "snelscan-ondernemer";

    public Instrument Instrument { get; private set; } = null!;

    public string Language { get; private set; } = "nl";

    public Dictionary<string, string?> Selected { get; } = new(StringComparer.Ordinal);

    /// <summary>The company's size, in the same classes as the organisation form (it is carried there on sign-up).</summary>
    [BindProperty]
    public Organisations.SizeClass? Size { get; set; }

    public QuickScanProfile? Profile { get; private set; }

    public IReadOnlyList<Recommendation> Steps { get; private set; } = [];

    public IActionResult OnGet() => Load() ? Page() : NotFound();

    /// <summary>Shows the result; stores nothing.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Load())
        {
            return NotFound();
        }

        var answers = ReadAnswers();
        if (answers is null)
        {
            return Page();
        }

        Profile = QuickScanProfile.Of(Instrument, answers);
        Steps = await StepsForAsync(Profile, cancellationToken);
        return Page();
    }

    /// <summary>Keeps the result on this device until the owner has an account and an organisation.</summary>
    public async Task<IActionResult> OnPostKeepAsync(CancellationToken cancellationToken)
    {
        if (!Load())
        {
            return NotFound();
        }

        var answers = ReadAnswers();
        if (answers is null)
        {
            return Page();
        }

        // The same steps the result page showed a moment ago, from the same answers and size: kept by slug, so a
        // later change to the menukaart does not change what the owner was told.
        var steps = await StepsForAsync(QuickScanProfile.Of(Instrument, answers), cancellationToken);
        carry.Keep(HttpContext, new CarriedScan(answers, LocalizationSetup.Today(clock), ValidSize, [.. steps.Select(s => s.Intervention.Slug)]));
        return User.Identity?.IsAuthenticated == true
            ? Redirect("/organisations/new")
            : Redirect("/Account/Register?returnUrl=%2Forganisations%2Fnew");
    }

    private Organisations.SizeClass? ValidSize => Size is { } size && Enum.IsDefined(size) ? size : null;

    private async Task<IReadOnlyList<Recommendation>> StepsForAsync(QuickScanProfile profile, CancellationToken cancellationToken) =>
        StepsFor(profile, await menukaart.InterventionsAsync(cancellationToken), CompanySizes.Of(ValidSize));

    /// <summary>Three first steps for the two weakest themes and the next, as for a round's report.</summary>
    public static IReadOnlyList<Recommendation> StepsFor(QuickScanProfile profile, IReadOnlyList<Intervention> interventions, string? size)
    {
        var lang = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var scored = profile.Themes.Where(t => t.Score is not null).Select(t => new ScoredDimension(t.Dimension.Id, t.Dimension.Name.For(lang), t.Score!.Value)).ToList();
        var attention = scored.OrderBy(t => t.Score).Take(2).Select(t => t.Id).ToList();
        return Recommender.Rank(profile.Instrument.Id, scored, attention, [], interventions, size, most: 3);
    }

    private Dictionary<string, int?>? ReadAnswers()
    {
        var answers = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var item in Instrument.Items)
        {
            var raw = Request.Form["a-" + item.Id].ToString();
            Selected[item.Id] = raw;
            if (raw == QuestionView.DontKnow)
            {
                answers[item.Id] = null;
            }
            else if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var point) && point >= Instrument.ScaleMin && point <= Instrument.ScaleMax)
            {
                answers[item.Id] = point;
            }
            else if (raw.Length > 0)
            {
                ModelState.AddModelError("a-" + item.Id, l["QuickScan.InvalidAnswer", item.Text.For(Language)]);
            }
        }

        if (ModelState.IsValid && answers.Values.Count(v => v is not null) < Instrument.Items.Count / 2)
        {
            ModelState.AddModelError("", l["QuickScan.TooFew"]);
        }

        return ModelState.IsValid ? answers : null;
    }

    private bool Load()
    {
        var instrument = catalog.Find(InstrumentId);
        if (instrument is null)
        {
            return false;
        }

        Instrument = instrument;
        Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        return true;
    }

    public QuestionView ViewOf(Item item) =>
        new(Instrument, item, RespondentRole.Owner, Language, "a-" + item.Id, Selected.GetValueOrDefault(item.Id));
}
