using System.Globalization;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Wegwijzer;

/// <summary>
/// /wegwijzer/gids, public: "which offers fit us?". It asks only what the rules need, says why each question is asked,
/// and answers per offer with every rule's yes, no or unknown, grouped as fits, may fit (with what is still unknown)
/// and does not fit. Ended offers are never among what fits.
/// </summary>
public sealed class GuideModel(OfferCatalog catalog, OfferEligibility rules, ReferenceData reference, LeerrijkDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : CompanyQuestionsPageModel(reference, db, l)
{
    public const string Path = "/wegwijzer/gids";

    /// <summary>Whether the person answered (or came with a profile): only then are there results to show.</summary>
    public bool Answered { get; private set; }

    public IReadOnlyList<OfferVerdict> Fitting { get; private set; } = [];

    public IReadOnlyList<OfferVerdict> Maybe { get; private set; } = [];

    public IReadOnlyList<OfferVerdict> NotFitting { get; private set; } = [];

    public string Language { get; } = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var company = await ReadCompanyAsync(cancellationToken);
        Answered = PrefilledFrom is not null || Request.Query.Keys.Any(k => k != "lang");
        if (!Answered)
        {
            return;
        }

        var today = LocalizationSetup.Today(clock);
        var verdicts = (await catalog.AllAsync(cancellationToken)).Select(o => rules.Evaluate(o, company, today)).ToList();
        var byTitle = StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true);
        Fitting = [.. verdicts.Where(v => OfferAdvice.Recommendable(v) && v.Fit == Fit.Fits).OrderBy(v => v.Offer.Title.For(Language), byTitle)];
        Maybe = [.. verdicts.Where(v => OfferAdvice.Recommendable(v) && v.Fit == Fit.Unknown).OrderBy(v => v.Offer.Title.For(Language), byTitle)];
        NotFitting = [.. verdicts.Where(v => !OfferAdvice.Recommendable(v)).OrderBy(v => v.Offer.Title.For(Language), byTitle)];
    }

    public string Text(Reason reason) => reason.Text(Localizer, CultureInfo.CurrentUICulture);

    /// <summary>The short word before a rule's line: yes, no, unknown, or "good to know" for timing that decides nothing.</summary>
    public static string OutcomeKey(RuleOutcome outcome) => "Wegwijzer.Guide.Outcome." + outcome;
}
