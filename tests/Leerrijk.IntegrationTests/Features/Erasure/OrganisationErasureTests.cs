using System.Net;
using Leerrijk.IntegrationTests.Features.Programmes;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Erasure;

/// <summary>
/// An owner deletes the organisation: typed name, a grace period any owner can stop, a mail to every owner, and after
/// the grace period no row of it in any table (ADR 0021); another company's rows stay.
/// </summary>
public sealed class OrganisationErasureTests(ErasureApp app) : IClassFixture<ErasureApp>
{
    [Fact]
    public async Task After_the_grace_period_no_table_holds_the_organisation_or_its_rounds_and_other_companies_keep_theirs()
    {
        var a = await SeedCompanyAsync();
        var b = await SeedCompanyAsync();
        var page = $"/o/{a.Id}/verwijderen";
        var owner = await app.LoggedInClientAsync(a.OwnerEmail);

        // The wrong name is refused in plain words and nothing is asked.
        var wrong = await owner.PostFormAsync(page, new() { ["Confirm.Name"] = "Een ander bedrijf" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains($"De naam klopt niet. Typ de naam precies zoals hierboven staat: {a.Name}", await wrong.TextAsync(), StringComparison.Ordinal);
        var empty = await owner.PostFormAsync(page, new() { ["Confirm.Name"] = "" });
        Assert.Contains("Typ de naam van de organisatie om te bevestigen.", await empty.TextAsync(), StringComparison.Ordinal);
        Assert.Null(await RequestedAtAsync(a.Id));

        var asked = await owner.PostFormAsync(page, new() { ["Confirm.Name"] = a.Name });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.NotNull(await RequestedAtAsync(a.Id));

        // Every owner hears of it, with a link to stop it.
        foreach (var email in new[] { a.OwnerEmail, a.SecondOwnerEmail })
        {
            var mail = await app.Outbox.WaitForMessageToAsync(email, a.Name);
            Assert.Contains($"/o/{a.Id}/verwijderen", mail.TextBody, StringComparison.Ordinal);
        }

        // Inside the grace period nothing is erased, and another owner can stop it.
        app.Clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(0, (await app.RunRetentionAsync()).OrganisationsErased);
        var second = await app.LoggedInClientAsync(a.SecondOwnerEmail);
        Assert.Contains("Deze organisatie wordt gewist op", await second.GetHtmlAsync($"/o/{a.Id}"), StringComparison.Ordinal);
        var cancelled = await second.PostFormAsync(page + "?handler=Cancel", new(), page);
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Null(await RequestedAtAsync(a.Id));
        app.Clock.Advance(TimeSpan.FromDays(8));
        Assert.Equal(0, (await app.RunRetentionAsync()).OrganisationsErased);
        Assert.Empty(await MissingRowsAsync(a));

        // Asked again; the grace period starts anew.
        owner = await app.LoggedInClientAsync(a.OwnerEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostFormAsync(page, new() { ["Confirm.Name"] = a.Name })).StatusCode);
        app.Clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(0, (await app.RunRetentionAsync()).OrganisationsErased);
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await app.RunRetentionAsync()).OrganisationsErased);

        var left = await TableScan.MentionsAsync(app.Services, [a.Id, .. a.RoundIds]);
        Assert.True(left.Count == 0, "Rows of the erased organisation remain in: " + string.Join(", ", left));

        // The other company, with the same kinds of rows, is untouched; the people and the adviser's office stay.
        Assert.Empty(await MissingRowsAsync(b));
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        Assert.True(await db.Users.AnyAsync(u => u.Email == a.OwnerEmail));
        Assert.True(await db.SupportOrganisations.AnyAsync(s => s.Id == a.SupportId));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LoggedInClientAsync(a.OwnerEmail)).GetAsync($"/o/{a.Id}")).StatusCode);
    }

    [Fact]
    public async Task Only_an_owner_may_ask_to_delete_the_organisation()
    {
        var a = await SeedCompanyAsync();
        var hr = await app.CreateUserAsync();
        await app.AddMemberAsync(a.Id, hr.Id, OrganisationRole.Hr);
        var client = await app.LoggedInClientAsync(hr.Email!);
        Assert.True((await client.GetAsync($"/o/{a.Id}/verwijderen")).IsAccessDenied());
        var token = await Forms.GetAntiforgeryTokenAsync(client, $"/o/{a.Id}");
        var post = await client.PostAsync($"/o/{a.Id}/verwijderen", new FormUrlEncodedContent(new Dictionary<string, string> { ["Confirm.Name"] = a.Name, ["__RequestVerificationToken"] = token }));
        Assert.True(post.IsAccessDenied());
        Assert.Null(await RequestedAtAsync(a.Id));
    }

    private async Task<DateTime?> RequestedAtAsync(Guid organisationId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        return await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.ErasureRequestedAtUtc).SingleAsync();
    }

    /// <summary>The kinds of rows <see cref="SeedCompanyAsync"/> made that are gone (should be none while the company exists).</summary>
    private async Task<List<string>> MissingRowsAsync(SeededCompany c)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var missing = new List<string>();
        void Check(string what, bool present)
        {
            if (!present)
            {
                missing.Add(what);
            }
        }

        Check("organisation", await db.Organisations.AnyAsync(o => o.Id == c.Id));
        Check("responses", await db.Responses.AnyAsync(r => r.OrganisationId == c.Id));
        Check("statistics", await db.RoundStatistics.AnyAsync(r => r.OrganisationId == c.Id));
        Check("grant", await db.ConsentGrants.AnyAsync(g => g.OrganisationId == c.Id));
        Check("access log", await db.AccessLog.AnyAsync(e => e.OrganisationId == c.Id));
        Check("participant", await db.ProgrammeParticipants.AnyAsync(p => p.OrganisationId == c.Id));
        Check("community member", await db.CommunityMembers.AnyAsync(m => m.OrganisationId == c.Id));
        Check("lesson", await db.CommunityLessons.AnyAsync(l => l.OrganisationId == c.Id));
        Check("story", await db.StoryDrafts.AnyAsync(d => d.OrganisationId == c.Id));
        Check("token", await db.ApiTokens.AnyAsync(t => t.OrganisationId == c.Id));
        Check("webhook", await db.WebhookSubscriptions.AnyAsync(s => s.OrganisationId == c.Id));
        Check("connection request", await db.ConnectionRequests.AnyAsync(r => r.GrantId == c.GrantId));
        return missing;
    }

    private sealed record SeededCompany(Guid Id, string Name, string OwnerEmail, string SecondOwnerEmail, Guid SupportId, Guid GrantId, IReadOnlyList<Guid> RoundIds);

    /// <summary>A company with a row in every kind of table that can hold organisation data, most of them through the pages.</summary>
    private async Task<SeededCompany> SeedCompanyAsync()
    {
        var owner = await app.CreateUserAsync();
        var secondOwner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        await app.AddMemberAsync(organisation.Id, secondOwner.Id, OrganisationRole.Owner);
        var closed = await app.CreateRoundAsync(organisation.Id, owner.Id);
        await app.SeedResponsesAsync(closed, 14, seed: 11, comment: i => i == 0 ? "Meer tijd om te leren" : null);
        var open = await app.CreateRoundAsync(organisation.Id, owner.Id);
        await app.Services.GetRequiredService<StatisticsFolder>().FoldAllAsync();

        // An adviser with consent reads the report: a real access-log line.
        var (adviser, support) = await app.CreateAdviserAsync();
        var grant = await app.GrantAsync(organisation.Id, support.Id, adviser.Id, ConsentScope.ReadReports);
        var adviserClient = await app.LoggedInClientAsync(adviser.Email!);
        Assert.Equal(HttpStatusCode.OK, (await adviserClient.GetAsync($"/o/{organisation.Id}/rounds/{closed.Id}/report")).StatusCode);
        await app.TokenClientAsync(owner.Email!, organisation.Id, null, Leerrijk.Web.Features.Api.ApiScope.ReadReports);
        var programme = await app.ProgrammeAsync(support.Id);
        await app.JoinedAsync(programme, organisation.Id, owner.Id, shares: true, pool: true);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        db.Invitations.Add(new Invitation
        {
            OrganisationId = organisation.Id,
            Email = $"collega-{Guid.NewGuid():N}@example.test",
            Role = OrganisationRole.Viewer,
            TokenHash = Invitation.HashToken(Invitation.NewToken()),
            InvitedByUserId = owner.Id,
            ExpiresAtUtc = DateTime.UtcNow.AddDays(1),
        });
        db.ResponseDrafts.Add(new Leerrijk.Web.Features.Answering.ResponseDraft
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisation.Id,
            RoundId = open.Id,
            ResumeCodeHash = Leerrijk.Web.Features.Answering.ResponseDraft.HashResumeCode(open.Id, Leerrijk.Web.Features.Answering.ResponseDraft.NewResumeCode()),
            Role = "Employee",
            UpdatedOn = open.OpensOn,
        });
        db.PersonalInvitations.Add(new Leerrijk.Web.Features.PersonalInvitations.PersonalInvitation
        {
            OrganisationId = organisation.Id,
            RoundId = open.Id,
            Email = $"medewerker-{Guid.NewGuid():N}@example.test",
            CodeHash = Leerrijk.Web.Features.PersonalInvitations.PersonalInvitation.HashCode(Leerrijk.Web.Features.PersonalInvitations.PersonalInvitation.NewCode()),
            InvitedOn = open.OpensOn,
        });
        var step = new Leerrijk.Web.Features.ActionPlan.ActionStep { OrganisationId = organisation.Id, RoundId = closed.Id, Title = "Meelopen" };
        db.ActionSteps.Add(step);
        db.QuickScanResults.Add(new Leerrijk.Web.Features.QuickScan.QuickScanResult { OrganisationId = organisation.Id, InstrumentId = "snelscan-ondernemer", TakenOn = open.OpensOn });
        db.ConnectionRequests.Add(new ConnectionRequest
        {
            SupportOrganisationId = support.Id,
            AdviserUserId = adviser.Id,
            Email = owner.Email!,
            CompanyName = organisation.Name,
            ProposedScopes = ConsentScope.ReadReports,
            TokenHash = ConnectionRequest.HashToken(ConnectionRequest.NewToken()),
            ExpiresAtUtc = DateTime.UtcNow.AddDays(30),
            AcceptedAtUtc = DateTime.UtcNow,
            GrantId = grant.Id,
        });
        var track = new Leerrijk.Web.Features.Tracks.Track { OrganisationId = organisation.Id, SupportOrganisationId = support.Id, StartedOn = open.OpensOn, CoachHoursBudget = 120, BaselineRoundId = closed.Id };
        db.Tracks.Add(track);
        db.TrackMilestones.Add(new Leerrijk.Web.Features.Tracks.TrackMilestone { OrganisationId = organisation.Id, TrackId = track.Id, Stage = track.Stage, ReachedOn = open.OpensOn });
        db.CoachHours.Add(new Leerrijk.Web.Features.Tracks.CoachHoursEntry { OrganisationId = organisation.Id, TrackId = track.Id, On = open.OpensOn, Hours = 2, Activity = "Intake", LoggedByUserId = adviser.Id });
        db.TrackNotes.Add(new Leerrijk.Web.Features.Tracks.TrackNote { OrganisationId = organisation.Id, TrackId = track.Id, On = open.OpensOn, Text = "Intake", AuthorUserId = adviser.Id });
        var indicator = new Leerrijk.Web.Features.ActionPlan.PlanIndicator { OrganisationId = organisation.Id, Kind = Leerrijk.Web.Features.ActionPlan.IndicatorKind.TrainedShare, Baseline = 20, Target = 33 };
        db.PlanIndicators.Add(indicator);
        db.IndicatorMeasurements.Add(new Leerrijk.Web.Features.ActionPlan.IndicatorMeasurement { OrganisationId = organisation.Id, IndicatorId = indicator.Id, MeasuredOn = open.OpensOn, Value = 25 });
        db.Vouchers.Add(new Leerrijk.Web.Features.Funding.Voucher { OrganisationId = organisation.Id, SupportOrganisationId = support.Id, ActionStepId = step.Id, Scheme = "Scholingsvoucher", Purpose = "Training", AmountRequested = 1000 });
        var subscription = new Leerrijk.Web.Features.Webhooks.WebhookSubscription
        {
            OrganisationId = organisation.Id,
            Url = "https://a.example/hook",
            Events = [Leerrijk.Web.Features.Webhooks.WebhookEventTypes.RoundClosed],
            ProtectedSecret = "protected",
            CreatedByUserId = owner.Id,
        };
        db.WebhookSubscriptions.Add(subscription);

        // The adviser's office also listens: its delivery of this company's event must go with the company.
        var supportHook = new Leerrijk.Web.Features.Webhooks.WebhookSubscription
        {
            SupportOrganisationId = support.Id,
            Url = "https://loket.example/hook",
            Events = [Leerrijk.Web.Features.Webhooks.WebhookEventTypes.RoundClosed],
            ProtectedSecret = "protected",
            CreatedByUserId = adviser.Id,
        };
        db.WebhookSubscriptions.Add(supportHook);
        var webhookEvent = new Leerrijk.Web.Features.Webhooks.WebhookEvent
        {
            OrganisationId = organisation.Id,
            SupportOrganisationId = support.Id,
            Type = Leerrijk.Web.Features.Webhooks.WebhookEventTypes.RoundClosed,
            ObjectId = closed.Id,
            OccurredAtUtc = DateTime.UtcNow,
            Key = $"test:{Guid.NewGuid()}",
            DispatchedAtUtc = DateTime.UtcNow,
        };
        db.WebhookEvents.Add(webhookEvent);
        foreach (var hook in new[] { subscription, supportHook })
        {
            var delivery = new Leerrijk.Web.Features.Webhooks.WebhookDelivery { SubscriptionId = hook.Id, EventId = webhookEvent.Id, Status = Leerrijk.Web.Features.Webhooks.WebhookDeliveryStatus.Failed, Attempts = 1, NextAttemptAtUtc = DateTime.UtcNow };
            db.WebhookDeliveries.Add(delivery);
            db.WebhookAttempts.Add(new Leerrijk.Web.Features.Webhooks.WebhookAttempt { DeliveryId = delivery.Id, AtUtc = DateTime.UtcNow, StatusCode = 500, Error = "Server error" });
        }

        // What the company brought to a learning community of the adviser's office, and its own community.
        var community = new Leerrijk.Web.Features.Communities.Community
        {
            Name = "Leertafel",
            Theme = "Inwerken",
            Kind = Leerrijk.Web.Features.Communities.CommunityKind.LearningTable,
            SupportOrganisationId = support.Id,
            StartsOn = open.OpensOn,
            EndsOn = open.OpensOn.AddDays(90),
            CreatedByUserId = adviser.Id,
        };
        var own = new Leerrijk.Web.Features.Communities.Community
        {
            Name = "Eigen leerkring",
            Theme = "Vakmanschap",
            Kind = Leerrijk.Web.Features.Communities.CommunityKind.LearningTable,
            OrganisationId = organisation.Id,
            StartsOn = open.OpensOn,
            EndsOn = open.OpensOn.AddDays(90),
            CreatedByUserId = owner.Id,
        };
        db.Communities.AddRange(community, own);
        db.CommunityMembers.Add(new Leerrijk.Web.Features.Communities.CommunityMember
        {
            CommunityId = community.Id,
            UserId = owner.Id,
            Email = owner.Email!,
            OrganisationId = organisation.Id,
            Role = Leerrijk.Web.Features.Communities.CommunityRole.Member,
            Status = Leerrijk.Web.Features.Communities.MemberStatus.Active,
            Question = "Hoe werken we nieuwe mensen in?",
            JoinedAtUtc = DateTime.UtcNow,
        });
        db.CommunityLessons.Add(new Leerrijk.Web.Features.Communities.CommunityLesson { CommunityId = community.Id, OrganisationId = organisation.Id, Text = "Een vaste maatje helpt.", RecordedByUserId = owner.Id });
        db.StoryDrafts.Add(new Leerrijk.Web.Features.Menukaart.StoryDraft { Title = "Zo leren wij", What = "Meelopen", Result = "Sneller ingewerkt", OrganisationId = organisation.Id, Origin = "company", ProposedByUserId = owner.Id });
        await db.SaveChangesAsync();
        return new SeededCompany(organisation.Id, organisation.Name, owner.Email!, secondOwner.Email!, support.Id, grant.Id, [closed.Id, open.Id]);
    }
}
