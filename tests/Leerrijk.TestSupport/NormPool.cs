using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Norms;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Programmes;
using Leerrijk.Web.Features.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.TestSupport;

/// <summary>
/// Generates companies for norm tests: each with a profile, a participant row in a programme (in the pool or not) and
/// closed teamscan rounds with generated responses, stored directly as the report tests do.
/// </summary>
public sealed class NormPool(LeerrijkAppFactory app)
{
    private Guid? _programmeId;
    private int _seed;

    public static DateOnly Today => Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(TimeProvider.System);

    /// <summary>A company with one closed round of <paramref name="respondents"/> responses that closed on <paramref name="closedOn"/> (default today).</summary>
    public async Task<Organisation> CompanyAsync(string regionId, int respondents, DateOnly? closedOn = null, bool inPool = true, Guid? ownerId = null, string sector = "C")
    {
        var organisation = new Organisation
        {
            Name = $"Normbedrijf {Guid.NewGuid():N}"[..24],
            SbiSection = sector,
            SizeClass = SizeClass.Small,
            ProvinceId = "gelderland",
            LabourMarketRegionId = regionId,
        };
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            db.Organisations.Add(organisation);
            if (ownerId is { } owner)
            {
                db.Memberships.Add(new Membership { OrganisationId = organisation.Id, UserId = owner, Role = OrganisationRole.Owner });
            }

            db.ProgrammeParticipants.Add(new ProgrammeParticipant
            {
                ProgrammeId = await ProgrammeIdAsync(db),
                OrganisationId = organisation.Id,
                Email = "eigenaar@example.test",
                TokenHash = Guid.NewGuid().ToString("N"),
                InvitedByUserId = Guid.NewGuid(),
                InvitationExpiresAtUtc = DateTime.UtcNow.AddDays(30),
                JoinedAtUtc = DateTime.UtcNow,
                SharesResults = true,
                InNormPool = inPool,
            });
            await db.SaveChangesAsync();
        }

        await RoundAsync(organisation.Id, respondents, closedOn ?? Today);
        return organisation;
    }

    /// <summary>Another closed round for a company.</summary>
    public async Task<Round> RoundAsync(Guid organisationId, int respondents, DateOnly closedOn)
    {
        var round = await app.CreateRoundAsync(organisationId, Guid.NewGuid(), r =>
        {
            r.OpensOn = closedOn.AddDays(-14);
            r.ClosesOn = closedOn;
        });

        // A round whose closing day has passed is closed by date; today's is closed by hand, as an owner would.
        await app.SeedResponsesAsync(round, respondents, seed: ++_seed, close: closedOn >= Today);
        return round;
    }

    /// <summary>Sets the company's participant row as <paramref name="change"/> says (leave, withdraw from the pool).</summary>
    public async Task ChangeParticipationAsync(Guid organisationId, Action<ProgrammeParticipant> change)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        foreach (var participant in await db.ProgrammeParticipants.Where(p => p.OrganisationId == organisationId).ToListAsync())
        {
            change(participant);
        }

        await db.SaveChangesAsync();
    }

    public async Task<NormRefresh> RefreshAsync() => await app.Services.GetRequiredService<NormRefresher>().RefreshAsync();

    /// <summary>The band of one region's cell (any sector, any size) for the teamscan's first dimension, or null.</summary>
    public async Task<NormBand?> RegionBandAsync(string regionId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var dimension = FirstDimension(scope);
        return await db.NormBands.AsNoTracking().SingleOrDefaultAsync(b => b.InstrumentId == "leerrijk-teamscan" && b.DimensionId == dimension
            && b.SbiSection == "" && b.SizeClass == "" && b.LabourMarketRegionId == regionId);
    }

    public static string FirstDimension(IServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<Leerrijk.Web.Features.Instruments.InstrumentCatalog>().Find("leerrijk-teamscan")!.Dimensions[0].Id;

    private async Task<Guid> ProgrammeIdAsync(LeerrijkDbContext db)
    {
        if (_programmeId is { } id)
        {
            return id;
        }

        var support = await app.CreateSupportOrganisationAsync();
        var programme = new Programme
        {
            SupportOrganisationId = support.Id,
            Name = "Normprogramma",
            StartsOn = Today.AddYears(-3),
            EndsOn = Today.AddYears(1),
            InstrumentIds = ["leerrijk-teamscan"],
        };
        db.Programmes.Add(programme);
        await db.SaveChangesAsync();
        _programmeId = programme.Id;
        return programme.Id;
    }
}
