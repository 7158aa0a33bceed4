using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Consent;

/// <summary>
/// Turns an access-log row (method, route template, page handler) into words for the owner's "who looked at what,
/// when". Every organisation route that admits advisers has a description here; a test discovers those routes from the
/// running app and fails on one without. A row whose route is not described (one renamed since) shows its path.
/// </summary>
public static class AccessLogDescriptions
{
    /// <summary>Any handler of the route and method, such as the plan's Add, Create and Update, which all change the plan.</summary>
    private const string AnyHandler = "*";

    private const string Round = "o/{orgId:guid}/rounds/{roundId:guid}";

    // Key: a resource whose {0}, when RoundParameter is set, is the title of the round that route parameter names.
    private static readonly Description[] Descriptions =
    [
        new("GET", "o/{orgId:guid}", "", "AccessLog.Dashboard"),
        new("GET", "o/{orgId:guid}/plan", "", "AccessLog.Plan"),
        new("POST", "o/{orgId:guid}/plan", AnyHandler, "AccessLog.PlanChanged"),
        new("GET", "o/{orgId:guid}/track", "", "AccessLog.Track"),
        new("POST", "o/{orgId:guid}/track", AnyHandler, "AccessLog.TrackChanged"),
        new("GET", "o/{orgId:guid}/vouchers", "", "AccessLog.Vouchers"),
        new("POST", "o/{orgId:guid}/vouchers", AnyHandler, "AccessLog.VoucherChanged"),
        new("GET", "o/{orgId:guid}/vouchers/{voucherId:guid}", "", "AccessLog.Voucher"),
        new("POST", "o/{orgId:guid}/vouchers/{voucherId:guid}", AnyHandler, "AccessLog.VoucherChanged"),
        new("GET", "o/{orgId:guid}/rounds", "", "AccessLog.Rounds"),
        new("GET", "o/{orgId:guid}/rounds/new", "", "AccessLog.NewRoundForm"),
        new("POST", "o/{orgId:guid}/rounds/new", "", "AccessLog.NewRound"),
        new("GET", Round, "", "AccessLog.Round", "roundId"),
        new("POST", Round, "Close", "AccessLog.RoundClosed", "roundId"),
        new("GET", Round + "/poster", "", "AccessLog.Poster", "roundId"),
        new("GET", Round + "/or-informatie", "", "AccessLog.CouncilSheet", "roundId"),
        new("GET", "o/{orgId:guid}/rounds/new/or-informatie", "", "AccessLog.CouncilSheetPreview"),
        new("GET", Round + "/invitations", "", "AccessLog.Invitations", "roundId"),
        new("POST", Round + "/invitations", "Invite", "AccessLog.Invited", "roundId"),
        new("POST", Round + "/invitations", "Remind", "AccessLog.Reminded", "roundId"),
        new("GET", Round + "/report", "", "AccessLog.Report", "roundId"),
        new("GET", Round + "/report", "Xlsx", "AccessLog.ReportXlsx", "roundId"),
        new("GET", Round + "/report", "Pdf", "AccessLog.ReportPdf", "roundId"),
        new("GET", Round + "/report", "Csv", "AccessLog.RawAnswers", "roundId"),
        new("GET", Round + "/report", "Spss", "AccessLog.ResearchFile", "roundId"),
        new("GET", "api/v1/rounds/{id:guid}/report", "", "AccessLog.ReportApi", "id"),
        new("GET", "api/v1/organisations/{orgId:guid}/rounds", "", "AccessLog.RoundsApi", null),
        new("POST", "api/v1/organisations/{orgId:guid}/rounds", "", "AccessLog.OpenedApi", null),
        new("POST", "api/v1/rounds/{id:guid}/close", "", "AccessLog.ClosedApi", "id"),
        new("GET", "api/v1/organisations/{orgId:guid}/plan", "", "AccessLog.PlanApi", null),
    ];

    /// <summary>Whether a request to <paramref name="route"/> is put into words (and not shown as its path).</summary>
    public static bool Describes(string method, string route, string? handler) => Find(method, route, handler ?? "") is not null;

    /// <summary>The round the logged request was about, when its route names one; its title goes into the description.</summary>
    public static Guid? RoundIdOf(AccessLogEntry entry)
    {
        if (Find(entry.Method, entry.Route, entry.Handler)?.RoundParameter is not { } parameter)
        {
            return null;
        }

        var template = Segments(entry.Route);
        var path = Segments(entry.Path);
        var index = Array.FindIndex(template, s => s == "{" + parameter + "}" || s.StartsWith("{" + parameter + ":", StringComparison.Ordinal));
        return index >= 0 && index < path.Length && Guid.TryParse(path[index], out var id) ? id : null;
    }

    /// <summary>
    /// The logged request in words, such as "bekeek het rapport van meting 'Teamscan 2026'"; <paramref name="roundTitles"/>
    /// holds the titles of the rounds <see cref="RoundIdOf"/> named.
    /// </summary>
    public static string Describe(AccessLogEntry entry, IReadOnlyDictionary<Guid, string> roundTitles, IStringLocalizer l)
    {
        var description = Find(entry.Method, entry.Route, entry.Handler);
        if (description is null)
        {
            return entry.Path;
        }

        if (description.RoundParameter is null)
        {
            return l[description.Key];
        }

        var title = RoundIdOf(entry) is { } roundId && roundTitles.TryGetValue(roundId, out var known) ? known : l["AccessLog.UnknownRound"].Value;
        return l[description.Key, title];
    }

    private static Description? Find(string method, string route, string handler)
    {
        // A HEAD request is served by the GET handler.
        var verb = string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase) ? "GET" : method;
        var template = route.TrimStart('/');
        var candidates = Descriptions.Where(d =>
            string.Equals(d.Method, verb, StringComparison.OrdinalIgnoreCase) && string.Equals(d.Route, template, StringComparison.OrdinalIgnoreCase));
        return candidates.FirstOrDefault(d => string.Equals(d.Handler, handler, StringComparison.OrdinalIgnoreCase))
            ?? candidates.FirstOrDefault(d => d.Handler == AnyHandler);
    }

    private static string[] Segments(string path) => path.Trim('/').Split('/');

    private sealed record Description(string Method, string Route, string Handler, string Key, string? RoundParameter = null);
}
