using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Programmes;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.BrowserTests.Features;

/// <summary>A programme with ten sharing companies in two sectors, each with a baseline and a follow-up round, computed once.</summary>
internal static class MonitorData
{
    public static async Task<Guid> ProgrammeWithTenCompaniesAsync(LeerrijkAppFactory app, Guid supportId)
    {
        var today = Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(TimeProvider.System);
        var owner = await app.CreateUserAsync();
        var programme = new Programme
        {
            SupportOrganisationId = supportId,
            Name = "Monitor " + Guid.NewGuid().ToString("N")[..6],
            StartsOn = today.AddDays(-200),
            EndsOn = today.AddYears(1),
            InstrumentIds = ["leerrijk-teamscan"],
            TargetCompanies = 48,
        };
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            db.Programmes.Add(programme);
            await db.SaveChangesAsync();
        }

        for (var i = 0; i < 10; i++)
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            var organisation = new Organisation { Name = $"Monitorbedrijf {i}", SbiSection = i < 5 ? "F" : "C", SizeClass = SizeClass.Small, ProvinceId = "gelderland", LabourMarketRegionId = "achterhoek" };
            db.Organisations.Add(organisation);
            db.ProgrammeParticipants.Add(new ProgrammeParticipant
            {
                ProgrammeId = programme.Id,
                OrganisationId = organisation.Id,
                Email = $"eigenaar{i}@example.test",
                TokenHash = Guid.NewGuid().ToString("N"),
                InvitedByUserId = owner.Id,
                InvitationExpiresAtUtc = DateTime.UtcNow.AddDays(30),
                JoinedAtUtc = DateTime.UtcNow,
                SharesResults = true,
            });
            await db.SaveChangesAsync();
            foreach (var (closedDaysAgo, seed) in new[] { (150, 300 + i), (5, 400 + i) })
            {
                var closedOn = today.AddDays(-closedDaysAgo);
                var round = await app.CreateRoundAsync(organisation.Id, owner.Id, r => (r.OpensOn, r.ClosesOn) = (closedOn.AddDays(-14), closedOn));
                await app.SeedResponsesAsync(round, 9, seed: seed, close: false);
            }
        }

        await app.Services.GetRequiredService<ProgrammeComputation>().ComputeAsync(programme.Id);
        return programme.Id;
    }
}
