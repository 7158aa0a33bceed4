using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Responses;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Demo;

/// <summary>Fills an empty database with a demo organisation and one account per role, so Leerrijk can be tried at once.</summary>
/// <remarks>Runs in Development (or with <c>Demo:Seed=true</c>); the log-ins are printed at start-up and listed in the README.</remarks>
public sealed partial class DemoSeeder(
    LeerrijkDbContext db,
    UserManager<ApplicationUser> users,
    InstrumentCatalog catalog,
    ResponseSubmission submission,
    RoundCache roundCache,
    TimeProvider clock,
    TwoFactorRequirement twoFactor,
    Programmes.ProgrammeComputation programmes,
    Norms.NormRefresher norms,
    ILogger<DemoSeeder> logger)
{
    public const string OrganisationName = "Demo Installatietechniek BV";
    public const string Password = "leerrijk-demo-2026";

    /// <summary>
    /// The authenticator key of every demo account that must log in in two steps (admin, adviser, coordinator). It is
    /// public (README), so anyone can make its codes: demo data only, never on a real account.
    /// </summary>
    public const string AuthenticatorKey = "LEERRIJKDEMOTWEESTAPCODE";

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("eigenaar@demo.leerrijk.nl", "Eva de Eigenaar", null, OrganisationRole.Owner),
        new("admin@demo.leerrijk.nl", "Arjen Admin", PlatformRoles.Admin, null),
        new("redacteur@demo.leerrijk.nl", "Rosa Redacteur", PlatformRoles.Editor, null),
        new("adviseur@demo.leerrijk.nl", "Ahmed Adviseur", PlatformRoles.Adviser, null),
        new("coordinator@demo.leerrijk.nl", "Carla Coördinator", null, null),
        new(DemoProgramme.ManagerEmail, "Pim Programmamanager", PlatformRoles.ProgrammeManager, null),
    ];

    /// <summary>
    /// A respondent language added as content after the demo was seeded reaches the open demo round too, so it can be
    /// tried on code DEMO without a fresh database.
    /// </summary>
    private async Task OfferEveryLanguageAsync(CancellationToken cancellationToken)
    {
        var open = await db.Rounds.IgnoreQueryFilters().SingleOrDefaultAsync(r => r.Code == DemoRounds.OpenCode, cancellationToken);
        if (open is not null && catalog.Find(open.InstrumentId, open.InstrumentVersion) is { } instrument
            && !instrument.Languages.All(open.Languages.Contains))
        {
            open.Languages = [.. open.Languages.Union(instrument.Languages, StringComparer.Ordinal)];
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken) || await db.Organisations.AnyAsync(cancellationToken))
        {
            LogSkipped();
            if (await db.Users.AnyAsync(u => u.Email == Accounts[0].Email, cancellationToken))
            {
                LogAccounts();
                await OfferEveryLanguageAsync(cancellationToken);
            }

            return;
        }

        var organisation = new Organisation
        {
            Name = OrganisationName,
            SbiSection = "F",
            SizeClass = SizeClass.Medium,
            ProvinceId = "gelderland",
            LabourMarketRegionId = "achterhoek",
            KvkNumber = "12345678",
            Employees = 60, // the wegwijzer's example: SLIM is for companies up to 250
            TurnoverEuros = 6_500_000,
        };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var account in Accounts)
        {
            var user = await CreateAccountAsync(account.Email, account.Name, account.PlatformRole);
            if (account.OrganisationRole is { } role)
            {
                db.Memberships.Add(new Membership { OrganisationId = organisation.Id, UserId = user.Id, Role = role });
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        var owner = await db.Memberships.Where(m => m.OrganisationId == organisation.Id && m.Role == OrganisationRole.Owner).Select(m => m.UserId).FirstAsync(cancellationToken);
        var teamscan = catalog.Find("leerrijk-teamscan") ?? throw new InvalidOperationException("The demo needs the leerrijk-teamscan instrument.");
        var today = LocalizationSetup.Today(clock);
        var rounds = DemoRounds.Create(organisation.Id, owner, teamscan, today).ToList();
        db.Rounds.Add(rounds[1]);
        await SeedRoundAsync(rounds[0], DemoRounds.Responses(teamscan), cancellationToken);

        await new DemoSupport(this, db, teamscan, today).SeedAsync(organisation, owner, rounds[0], cancellationToken);
        var module = catalog.Find("leerklimaat-monitor") ?? throw new InvalidOperationException("The demo programme needs the leerklimaat-monitor module.");
        await new DemoProgramme(this, db, teamscan, module, today).SeedAsync(organisation.Id, owner, cancellationToken);
        await new DemoCommunity(db, today).SeedAsync(organisation.Id, owner, cancellationToken);

        // The programme's first computation, so its monitor shows figures at first log-in (later ones run at night).
        await programmes.ComputeAllAsync(cancellationToken);

        // Norm groups likewise, so the demo company's report shows where it stands.
        await norms.RefreshAsync(cancellationToken);

        // Those who see many companies' data log in in two steps (ADR 0013); the demo ones with the published key.
        foreach (var account in Accounts)
        {
            var user = await users.FindByEmailAsync(account.Email) ?? throw new InvalidOperationException($"{account.Email} was not created.");
            if (await twoFactor.StateAsync(user.Id, cancellationToken) is { Required: true })
            {
                await TwoFactorSetup.EnableWithKeyAsync(users, user, AuthenticatorKey);
            }
        }
        LogAccounts();
        LogDemoRound(DemoRounds.OpenCode);
    }

    /// <summary>A confirmed demo account with the demo password and, if given, a platform role.</summary>
    internal async Task<ApplicationUser> CreateAccountAsync(string email, string name, string? platformRole)
    {
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Demo account could not be created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        if (platformRole is not null)
        {
            await users.AddToRoleAsync(user, platformRole);
        }

        return user;
    }

    /// <summary>
    /// Stores a demo round with its responses. They enter the way every response does, through the one submission
    /// path, so they are checked and stored like anyone's. That path takes responses only while a round is open: a
    /// closed round is open until tomorrow while they arrive, then gets its own dates back (they are marked as received
    /// today). Tomorrow, not today: seeding that starts just before midnight in the Netherlands would otherwise find
    /// the round closed halfway through.
    /// </summary>
    internal async Task SeedRoundAsync(Round round, IEnumerable<SubmittedResponse> responses, CancellationToken cancellationToken)
    {
        var today = LocalizationSetup.Today(clock);
        var tomorrow = today.AddDays(1);
        var (opensOn, closesOn, closedAtUtc) = (round.OpensOn, round.ClosesOn, round.ClosedAtUtc);
        (round.OpensOn, round.ClosesOn, round.ClosedAtUtc) = (opensOn > today ? today : opensOn, closesOn < tomorrow ? tomorrow : closesOn, null);
        db.Rounds.Add(round);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var response in responses)
        {
            var result = await submission.SubmitAsync(round.Code, response, cancellationToken);
            if (result.Outcome != SubmissionOutcome.Stored)
            {
                throw new InvalidOperationException(
                    $"A demo response was not stored ({result.Outcome}): " + string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}")));
            }
        }

        (round.OpensOn, round.ClosesOn, round.ClosedAtUtc) = (opensOn, closesOn, closedAtUtc);
        await db.SaveChangesAsync(cancellationToken);
        roundCache.Forget(round.Code);
    }

    private void LogAccounts()
    {
        foreach (var account in Accounts)
        {
            LogAccount(account.Email, Password, account.PlatformRole ?? account.OrganisationRole?.ToString() ?? "");
        }

        LogAuthenticatorKey(AuthenticatorKey);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database not empty; no demo data seeded")]
    private partial void LogSkipped();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo round open for answering at /s/{Code}")]
    private partial void LogDemoRound(string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo admin, adviser and coordinator log in in two steps: authenticator key {Key} (e.g. oathtool --totp -b {Key})")]
    private partial void LogAuthenticatorKey(string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo log-in: {Email} / {Password} ({Role})")]
    private partial void LogAccount(string email, string password, string role);
}

public sealed record DemoAccount(string Email, string Name, string? PlatformRole, OrganisationRole? OrganisationRole);
