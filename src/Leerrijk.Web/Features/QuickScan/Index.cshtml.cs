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

    [BindProperty]
    public string? Size { get; set; }

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
        Steps = StepsFor(Profile, await menukaart.InterventionsAsync(cancellationToken), CompanySizes.All.Contains(Size ?? "") ? Size : null);
        return Page();
    }

    /// <summary>Keeps the result on this device until the owner has an account and an organisation.</summary>
    public IActionResult OnPostKeep()
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

        carry.Keep(HttpContext, answers, LocalizationSetup.Today(clock));
        return User.Identity?.IsAuthenticated == true
            ? Redirect("/organisations/new")
            : Redirect("/Account/Register?returnUrl=%2Forganisations%2Fnew");
    }

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
