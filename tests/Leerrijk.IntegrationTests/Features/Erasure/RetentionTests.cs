using System.Net;
using System.Text.Json;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Erasure;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Responses;
using Leerrijk.Web.Features.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Erasure;

/// <summary>
/// The retention period (ADR 0021): raw answers of a closed round go once the organisation's period has passed and
/// they are folded into the statistics; the report keeps its figures and says since when the raw answers are gone.
/// </summary>
public sealed class RetentionTests(ErasureApp app) : IClassFixture<ErasureApp>
{
    [Fact]
    public async Task Raw_answers_go_after_the_chosen_period_and_the_report_shows_the_same_figures_with_the_removal_date()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var client = await app.LoggedInClientAsync(owner.Email!);
        var settings = $"/o/{organisation.Id}/settings";
        var saved = await client.PostFormAsync(settings + "?handler=Retention", new() { ["Retention.Months"] = "3" }, settings);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var round = await app.CreateRoundAsync(organisation.Id, owner.Id);
        await app.SeedResponsesAsync(round, 30, seed: 7, comment: i => i % 3 == 0 ? $"Meer samen leren {i}" : null);
        await AddDraftAndInvitationAsync(round);

        // Another company keeps the default of 24 months for a round closed at the same moment.
        var otherOwner = await app.CreateUserAsync();
        var other = await app.CreateOrganisationAsync(otherOwner.Id);
        var otherRound = await app.CreateRoundAsync(other.Id, otherOwner.Id);
        await app.SeedResponsesAsync(otherRound, 12, seed: 8);

        await app.Services.GetRequiredService<StatisticsFolder>().FoldAllAsync();
        var before = await FiguresAsync(organisation.Id, round.Id);

        // Not yet: the round closed moments ago.
        Assert.Equal(0, (await app.RunRetentionAsync()).RoundsCleared);
        Assert.Equal(30, await CountAsync(db => db.Responses.CountAsync(r => r.RoundId == round.Id)));

        // Just short of three months: still kept.
        app.Clock.Advance(TimeSpan.FromDays(85));
        Assert.Equal(0, (await app.RunRetentionAsync()).RoundsCleared);

        app.Clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(1, (await app.RunRetentionAsync()).RoundsCleared);

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            Assert.Equal(0, await db.Responses.CountAsync(r => r.RoundId == round.Id));
            Assert.Equal(0, await db.Set<ResponseAnswer>().CountAsync(a => a.OrganisationId == organisation.Id));
            Assert.Equal(0, await db.Set<ResponseComment>().CountAsync(c => c.RoundId == round.Id));
            Assert.Equal(0, await db.ResponseDrafts.CountAsync(d => d.RoundId == round.Id));
            Assert.Equal(0, await db.PersonalInvitations.CountAsync(i => i.RoundId == round.Id));
            Assert.NotEmpty(await db.RoundStatistics.Where(s => s.RoundId == round.Id).ToListAsync());
            var stored = await db.Rounds.SingleAsync(r => r.Id == round.Id);
            Assert.Equal(30, stored.RemovedResponses);
            Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, stored.RawAnswersRemovedAtUtc!.Value, TimeSpan.FromMinutes(1));

            // The other company's round, closed at the same moment, keeps its raw answers.
            Assert.Equal(12, await db.Responses.CountAsync(r => r.RoundId == otherRound.Id));
            Assert.Null((await db.Rounds.SingleAsync(r => r.Id == otherRound.Id)).RawAnswersRemovedAtUtc);
        }

        var after = await FiguresAsync(organisation.Id, round.Id);
        Assert.Equal(before, after);

        // A second run finds nothing more to do.
        Assert.Equal(0, (await app.RunRetentionAsync()).RoundsCleared);

        // The log-in cookie from before did not survive three months: log in again, as the owner would.
        client = await app.LoggedInClientAsync(owner.Email!);
        var report = await client.GetHtmlAsync($"/o/{organisation.Id}/rounds/{round.Id}/report");
        var removedOn = Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(app.Clock).ToString("D", new System.Globalization.CultureInfo("nl-NL"));
        Assert.Contains($"Ruwe antwoorden verwijderd op {removedOn}", report, StringComparison.Ordinal);
        Assert.Contains("30 mensen hebben de scan ingestuurd.", report, StringComparison.Ordinal);
        Assert.DoesNotContain("Meer samen leren", report, StringComparison.Ordinal);

        // The raw exports say plainly that the answers are gone.
        var csv = await client.GetAsync($"/o/{organisation.Id}/rounds/{round.Id}/report?handler=Csv");
        Assert.Equal(HttpStatusCode.Conflict, csv.StatusCode);
        Assert.Contains($"Ruwe antwoorden verwijderd op {removedOn}", await csv.TextAsync(), StringComparison.Ordinal);
        var spss = await client.GetAsync($"/o/{organisation.Id}/rounds/{round.Id}/report?handler=Spss");
        Assert.Equal(HttpStatusCode.Conflict, spss.StatusCode);

        // Counts elsewhere still count the removed responses.
        Assert.Contains("30 mensen hebben de scan ingestuurd.", await client.GetHtmlAsync($"/o/{organisation.Id}/rounds/{round.Id}"), StringComparison.Ordinal);
        var api = await app.TokenClientAsync(owner.Email!, organisation.Id, null, Leerrijk.Web.Features.Api.ApiScope.ReadReports, lifetime: TimeSpan.FromDays(200));
        var list = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/organisations/{organisation.Id}/rounds"));
        Assert.Equal(30, list.RootElement.EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == round.Id).GetProperty("responses").GetInt32());
    }

    [Fact]
    public async Task Raw_answers_not_yet_folded_into_the_statistics_are_never_removed()
    {
        var round = await app.CreateRoundAsync();
        await app.SeedResponsesAsync(round, 10, seed: 3);

        using (var scope = app.Services.CreateScope())
        {
            // The folder is off in this app, so the responses are still unfolded: the report would lose them.
            Assert.False(await scope.ServiceProvider.GetRequiredService<Eraser>().RemoveRawAnswersAsync(round.Id, CancellationToken.None));
            Assert.Equal(10, await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Responses.CountAsync(r => r.RoundId == round.Id));
        }

        await app.Services.GetRequiredService<StatisticsFolder>().FoldAllAsync();
        using (var scope = app.Services.CreateScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<Eraser>().RemoveRawAnswersAsync(round.Id, CancellationToken.None));
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Responses.CountAsync(r => r.RoundId == round.Id));
        }
    }

    [Fact]
    public async Task A_retention_period_outside_one_to_24_months_is_refused_in_plain_words()
    {
        var (organisation, owner) = await app.OrganisationWithOwnerAsync();
        var settings = $"/o/{organisation.Id}/settings";
        foreach (var (months, message) in new[]
                 {
                     ("36", "Bewaartermijn in maanden moet tussen 1 en 24 liggen."),
                     ("0", "Bewaartermijn in maanden moet tussen 1 en 24 liggen."),
                     ("", "Vul Bewaartermijn in maanden in."),
                 })
        {
            var refused = await owner.PostFormAsync(settings + "?handler=Retention", new() { ["Retention.Months"] = months }, settings);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, await refused.TextAsync(), StringComparison.Ordinal);
        }

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        Assert.Equal(RetentionRules.DefaultMonths, (await db.Organisations.SingleAsync(o => o.Id == organisation.Id)).RetentionMonths);
    }

    private async Task AddDraftAndInvitationAsync(Round round)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        db.ResponseDrafts.Add(new Leerrijk.Web.Features.Answering.ResponseDraft
        {
            Id = Guid.NewGuid(),
            OrganisationId = round.OrganisationId,
            RoundId = round.Id,
            ResumeCodeHash = Leerrijk.Web.Features.Answering.ResponseDraft.HashResumeCode(round.Id, Leerrijk.Web.Features.Answering.ResponseDraft.NewResumeCode()),
            Role = "Employee",
            UpdatedOn = round.OpensOn,
        });
        db.PersonalInvitations.Add(new Leerrijk.Web.Features.PersonalInvitations.PersonalInvitation
        {
            OrganisationId = round.OrganisationId,
            RoundId = round.Id,
            CodeHash = Leerrijk.Web.Features.PersonalInvitations.PersonalInvitation.HashCode("code"),
            Used = true,
        });
        await db.SaveChangesAsync();
    }

    private async Task<T> CountAsync<T>(Func<LeerrijkDbContext, Task<T>> read)
    {
        using var scope = app.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>());
    }

    /// <summary>Every figure of the report (not the open answers or the raw-row offer), as JSON to compare.</summary>
    private async Task<string> FiguresAsync(Guid organisationId, Guid roundId)
    {
        using var scope = app.Services.CreateScope();
        var report = await scope.ServiceProvider.GetRequiredService<ReportQueries>().BuildAsync(organisationId, roundId, "nl", CancellationToken.None);
        Assert.NotNull(report);
        Assert.Equal(ReportStatus.Full, report.Status);
        return JsonSerializer.Serialize(new
        {
            report.Status,
            report.Respondents,
            report.Threshold,
            report.Dimensions,
            report.Strongest,
            report.NeedsAttention,
            report.Breakdowns,
            report.Gaps,
            report.Phase,
            report.Trend,
        });
    }
}
