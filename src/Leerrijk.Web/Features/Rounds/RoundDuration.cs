using Leerrijk.Scoring.Instruments;
using Leerrijk.Web.Features.Instruments;

namespace Leerrijk.Web.Features.Rounds;

/// <summary>
/// How long answering takes, in whole minutes: the one computation behind every duration Leerrijk states (the poster,
/// the round's start page, the landing page), so they cannot disagree. Each instrument's <c>minutes</c> is its own
/// part; a round with a module takes both.
/// </summary>
public static class RoundDuration
{
    public static int Minutes(Instrument instrument, Instrument? module) => instrument.Minutes + (module?.Minutes ?? 0);

    /// <summary>The round's minutes on the versions it runs; 0 when its instrument is no longer known.</summary>
    /// <param name="round">The round.</param>
    /// <param name="catalog">The instruments.</param>
    public static int Minutes(Round round, InstrumentCatalog catalog)
    {
        var instrument = catalog.Find(round.InstrumentId, round.InstrumentVersion);
        var module = round.ModuleId is { } moduleId ? catalog.Find(moduleId, round.ModuleVersion ?? 0) : null;
        return instrument is null ? 0 : Minutes(instrument, module);
    }

    /// <summary>The shortest and longest team scan a company can open without a module, for the landing page.</summary>
    /// <param name="catalog">The instruments.</param>
    /// <param name="except">An instrument that is not a team scan (the owner's quick scan).</param>
    public static (int Shortest, int Longest) Range(InstrumentCatalog catalog, string except)
    {
        var minutes = catalog.All.Where(i => !i.IsModule && i.Id != except).Select(i => i.Minutes).DefaultIfEmpty(0).ToList();
        return (minutes.Min(), minutes.Max());
    }
}
