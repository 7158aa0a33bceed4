using System.Globalization;
using Leerrijk.Scoring.Languages;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Api;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Infrastructure;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Rounds;

/// <summary>
/// Rounds by API: list an organisation's rounds, open a new one, close one. The same rules as the round pages
/// (<see cref="RoundRules"/>), the same tenancy and consent (<see cref="OrganisationEndpointFilter"/>).
/// </summary>
public static class RoundsApi
{
    public static IEndpointRouteBuilder MapRoundsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/organisations/{orgId:guid}/rounds", ListAsync)
            .WithName("ListRounds")
            .WithTags("Rounds")
            .WithSummary("The organisation's rounds, newest first")
            .WithDescription("Each round's dates, status (planned, open, closed), languages and how many answered so far. Token scope: reports:read.")
            .Produces<IReadOnlyList<RoundSummary>>()
            .WithExamples(StatusCodes.Status200OK, new[] { ExampleRound, ExampleRound with { Id = Guid.Parse("0192f0aa-2222-7333-8444-555566667777"), Title = "Nulmeting", Status = "closed", Responses = 31 } })
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireOrganisationAccess(new(OrganisationLookup.OrganisationFromRoute, "Api.OrganisationNotFoundTitle", "Api.OrganisationNotFoundDetail", ApiScope.ReadReports, AdviserScope: ConsentScope.ReadReports));

        app.MapPost("/api/v1/organisations/{orgId:guid}/rounds", OpenAsync)
            .WithName("OpenRound")
            .WithTags("Rounds")
            .WithSummary("Opens a new round")
            .WithDescription(
                "The same choices and checks as the page: an instrument (GET /instrumenten lists them), an optional module, the first and last day " +
                "(Dutch calendar, not in the past), the respondent roles the instrument knows, languages (nl, en, and any the instrument is translated into), the anonymity threshold (at least " +
                "3). Token scope: rounds:manage; the person needs the HR role or an adviser's consent to manage rounds.")
            .Accepts<OpenRoundRequest>("application/json")
            .Produces<RoundSummary>(StatusCodes.Status201Created)
            .WithExamples(StatusCodes.Status201Created, ExampleRound with { Status = "planned", Responses = 0 }, ExampleRequest)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireOrganisationAccess(new(
                OrganisationLookup.OrganisationFromRoute, "Api.OrganisationNotFoundTitle", "Api.OrganisationNotFoundDetail", ApiScope.ManageRounds, OrganisationRole.Hr, ConsentScope.ManageRounds));

        app.MapPost("/api/v1/rounds/{id:guid}/close", CloseAsync)
            .WithName("CloseRound")
            .WithTags("Rounds")
            .WithSummary("Closes a round for good")
            .WithDescription("Nobody can answer afterwards; closing a closed round changes nothing. Token scope: rounds:manage.")
            .Produces<RoundSummary>()
            .WithExamples(StatusCodes.Status200OK, ExampleRound with { Status = "closed" })
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireOrganisationAccess(new(
                OrganisationLookup.OrganisationOfRound, "Api.RoundNotFoundTitle", "Api.RoundNotFoundDetail", ApiScope.ManageRounds, OrganisationRole.Hr, ConsentScope.ManageRounds));
        return app;
    }

    private static readonly RoundSummary ExampleRound = new(
        Guid.Parse("0193a5c2-1111-7222-8333-444455556666"), "Teamscan voorjaar", "leerrijk-teamscan", null, new DateOnly(2027, 3, 1), new DateOnly(2027, 3, 14),
        "open", ["nl", "en", "pl"], 5, 23, "/s/K7PQ2M", "/api/v1/rounds/0193a5c2-1111-7222-8333-444455556666/report");

    private static readonly OpenRoundRequest ExampleRequest = new(
        "leerrijk-teamscan", "Teamscan voorjaar", null, new DateOnly(2027, 3, 1), new DateOnly(2027, 3, 14), ["Employee", "Manager"], ["Werkplaats", "Kantoor"],
        ["nl", "en", "pl"], 40, 5);

    private static async Task<IResult> ListAsync(HttpContext context, LeerrijkDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var organisation = context.Features.GetRequiredFeature<OrganisationMember>().OrganisationId;
        var rounds = await db.Rounds.Where(r => r.OrganisationId == organisation).OrderByDescending(r => r.CreatedAtUtc).ToListAsync(cancellationToken);
        var counts = await db.Responses.Where(r => r.OrganisationId == organisation)
            .GroupBy(r => r.RoundId)
            .Select(g => new { RoundId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.RoundId, c => c.Count, cancellationToken);
        var today = LocalizationSetup.Today(clock);
        return Results.Ok(rounds.Select(r => RoundSummary.Of(r, counts.GetValueOrDefault(r.Id) + r.RemovedResponses, today)).ToList());
    }

    private static async Task<IResult> OpenAsync(
        OpenRoundRequest request,
        HttpContext context,
        LeerrijkDbContext db,
        InstrumentCatalog catalog,
        LanguageRegistry registry,
        TimeProvider clock,
        IStringLocalizer<SharedResource> l,
        CancellationToken cancellationToken)
    {
        var member = context.Features.GetRequiredFeature<OrganisationMember>();
        var today = LocalizationSetup.Today(clock);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);

        var instrument = request.InstrumentId is { } id ? catalog.Find(id) : null;
        if (instrument is null || instrument.IsModule)
        {
            Add("instrumentId", l["Rounds.ChooseInstrument"]);
        }

        var title = request.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            Add("title", l["Validation.Required", l["Field.RoundTitle"]]);
        }
        else if (title.Length > Round.TitleMaxLength)
        {
            Add("title", l["Validation.MaxLength", l["Field.RoundTitle"], Round.TitleMaxLength]);
        }

        if (request.OpensOn is null)
        {
            Add("opensOn", l["Validation.Required", l["Field.OpensOn"]]);
        }

        if (request.ClosesOn is null)
        {
            Add("closesOn", l["Validation.Required", l["Field.ClosesOn"]]);
        }

        var threshold = request.AnonymityThreshold ?? context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Anonymity.AnonymityOptions>>().Value.DefaultThreshold;
        if (request.ExpectedRespondents is < 1 or > 100_000)
        {
            Add("expectedRespondents", l["Validation.Range", l["Field.ExpectedRespondents"], 1, 100_000]);
        }

        var module = string.IsNullOrEmpty(request.ModuleId) ? null : catalog.Find(request.ModuleId);
        var departments = (request.Departments ?? []).Select(d => d.Trim()).Where(d => d.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var languages = request.Languages ?? [.. RoundRules.DefaultLanguages];
        if (instrument is { IsModule: false })
        {
            var roles = request.Roles ?? [.. instrument.Roles.Select(r => r.ToString())];
            foreach (var (field, message) in RoundRules.Check(instrument, request.ModuleId, module, request.OpensOn, request.ClosesOn, roles, departments, languages, threshold, today, registry, l))
            {
                Add(char.ToLowerInvariant(field[0]) + field[1..], message);
            }

            if (errors.Count == 0)
            {
                var round = RoundRules.Build(
                    member.OrganisationId, member.UserId, instrument, module,
                    new RoundPlan(title!, request.OpensOn!.Value, request.ClosesOn!.Value, roles, departments, languages, threshold, request.ExpectedRespondents));
                await RoundRules.AddAsync(db, round, today, clock.GetUtcNow().UtcDateTime, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return Results.Created($"/api/v1/organisations/{member.OrganisationId}/rounds", RoundSummary.Of(round, 0, today));
            }
        }

        return Results.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: l["Api.InvalidTitle"]);
    }

    private static async Task<IResult> CloseAsync(
        Guid id, HttpContext context, LeerrijkDbContext db, RoundCache cache, TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken cancellationToken)
    {
        var organisation = context.Features.GetRequiredFeature<OrganisationMember>().OrganisationId;
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Id == id && r.OrganisationId == organisation, cancellationToken);
        if (round is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Api.RoundNotFoundTitle"], detail: l["Api.RoundNotFoundDetail"]);
        }

        var today = LocalizationSetup.Today(clock);
        RoundRules.Close(db, round, today, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        cache.Forget(round.Code);
        var answered = await db.Responses.CountAsync(r => r.RoundId == round.Id, cancellationToken) + round.RemovedResponses;
        return Results.Ok(RoundSummary.Of(round, answered, today));
    }
}

/// <summary>A new round, as the API receives it. Roles default to every role of the instrument, languages to nl and en, the threshold to the platform default.</summary>
/// <param name="InstrumentId">An instrument id, such as "leerrijk-teamscan".</param>
/// <param name="Title">The round's name, as respondents see it.</param>
/// <param name="ModuleId">An optional module, such as "leerklimaat-monitor".</param>
/// <param name="OpensOn">First day to answer (yyyy-MM-dd, Dutch calendar).</param>
/// <param name="ClosesOn">Last day to answer.</param>
/// <param name="Roles">Respondent roles: Owner, Hr, Manager, Employee, WorksCouncil (as the instrument offers them).</param>
/// <param name="Departments">Departments respondents choose from (at most 30).</param>
/// <param name="Languages">Language codes (nl, en, pl, …), each one the instrument is translated into; default nl and en.</param>
/// <param name="ExpectedRespondents">How many people were asked, if known.</param>
/// <param name="AnonymityThreshold">No figure about fewer respondents is shown; at least 3.</param>
public sealed record OpenRoundRequest(
    string? InstrumentId,
    string? Title,
    string? ModuleId,
    DateOnly? OpensOn,
    DateOnly? ClosesOn,
    List<string>? Roles,
    List<string>? Departments,
    List<string>? Languages,
    int? ExpectedRespondents,
    int? AnonymityThreshold);

/// <summary>One round as the API lists it.</summary>
/// <param name="Status">"planned", "open" or "closed".</param>
/// <param name="Responses">How many answered so far (a total without groups, as on the round page).</param>
/// <param name="Link">The public address respondents use, relative to the site.</param>
/// <param name="Id">The round's id.</param>
/// <param name="Title">The round's name.</param>
/// <param name="InstrumentId">The instrument answered.</param>
/// <param name="ModuleId">The module added, if any.</param>
/// <param name="OpensOn">First day to answer.</param>
/// <param name="ClosesOn">Last day to answer.</param>
/// <param name="Languages">Languages offered to respondents.</param>
/// <param name="AnonymityThreshold">No figure about fewer respondents is shown.</param>
/// <param name="Report">The report's API address.</param>
public sealed record RoundSummary(
    Guid Id,
    string Title,
    string InstrumentId,
    string? ModuleId,
    DateOnly OpensOn,
    DateOnly ClosesOn,
    string Status,
    IReadOnlyList<string> Languages,
    int AnonymityThreshold,
    int Responses,
    string Link,
    string Report)
{
    public static RoundSummary Of(Round round, int responses, DateOnly today) => new(
        round.Id,
        round.Title,
        round.InstrumentId,
        round.ModuleId,
        round.OpensOn,
        round.ClosesOn,
        round.StatusOn(today).ToString().ToLowerInvariant(),
        round.Languages,
        round.AnonymityThreshold,
        responses,
        "/s/" + round.Code,
        string.Create(CultureInfo.InvariantCulture, $"/api/v1/rounds/{round.Id}/report"));
}
