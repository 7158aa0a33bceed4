using System.Text.Json;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Menukaart;
using Leerrijk.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace Leerrijk.Web.Features.Communities;

/// <summary>
/// The learning cycle of a community in one place: each company brings a question, the community says what it needs
/// to know, members agree what to try at work before the next session (a step in their own company's action plan),
/// tell what came of it, and write down lessons that may become practice stories.
/// </summary>
public static class LearningCycle
{
    /// <summary>
    /// The steps the community sees: agreed in this community by a company that still takes part. A company that left
    /// keeps its steps (<see cref="ActionStep.CommunityId"/> is cleared), and its other plan steps are never shown here.
    /// </summary>
    public static IQueryable<ActionStep> TriesOf(LeerrijkDbContext db, Guid communityId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var companies = db.CommunityMembers.Where(CommunityMember.Active)
            .Where(m => m.CommunityId == communityId && m.OrganisationId != null)
            .Select(m => m.OrganisationId);
        return db.ActionSteps.Where(s => s.CommunityId == communityId && companies.Contains(s.OrganisationId));
    }

    /// <summary>Adds what a member agreed to try at work as a step in their company's plan, linked to the community.</summary>
    public static ActionStep AddTry(LeerrijkDbContext db, CommunityMember member, string title, Guid? sessionId, DateOnly today, DateOnly? followUpOn, string? owner)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(member);
        var organisationId = member.OrganisationId ?? throw new InvalidOperationException("Only a member who takes part for a company tries things at work.");
        var step = new ActionStep
        {
            OrganisationId = organisationId,
            Title = title,
            Owner = owner,
            StartOn = today,
            FollowUpOn = followUpOn,
            Status = ActionStatus.Planned,
            CommunityId = member.CommunityId,
            CommunitySessionId = sessionId,
        };
        db.ActionSteps.Add(step);
        return step;
    }

    /// <summary>
    /// Proposes a lesson as a practice story for editors. The company is named only when someone of that company
    /// agreed (<paramref name="companyMayBeNamed"/>, which the page offers only to them).
    /// </summary>
    public static StoryDraft Propose(LeerrijkDbContext db, CommunityLesson lesson, string origin, string title, string what, string result, bool companyMayBeNamed, Guid proposedBy)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(lesson);
        var draft = new StoryDraft
        {
            Title = title,
            What = what,
            Result = result,
            OrganisationId = lesson.OrganisationId,
            CompanyMayBeNamed = companyMayBeNamed && lesson.OrganisationId is not null,
            Origin = origin,
            CommunityLessonId = lesson.Id,
            ProposedByUserId = proposedBy,
            Status = StoryDraftStatus.Proposed,
        };
        db.StoryDrafts.Add(draft);
        return draft;
    }

    /// <summary>
    /// The summary a company shares on purpose: its latest closed round's results per dimension exactly as its own
    /// report shows them (<see cref="CompanyScores"/>), so a dimension hidden there stays hidden here. Null when it has none.
    /// </summary>
    public static async Task<SharedSummary?> SummaryOfAsync(LeerrijkDbContext db, CompanyScores scores, Guid organisationId, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scores);
        var roundIds = await db.Rounds.AsNoTracking().Where(r => r.OrganisationId == organisationId).Select(r => r.Id).ToListAsync(cancellationToken);
        var latest = (await scores.ReadAsync(roundIds, today, cancellationToken))
            .Where(s => s.Dimensions.Count > 0)
            .OrderByDescending(s => s.ClosedOn)
            .FirstOrDefault();
        return latest is null
            ? null
            : new SharedSummary(latest.InstrumentId, latest.ClosedOn, [.. latest.Dimensions.Select(d => new SharedDimension(d.InstrumentId, d.DimensionId, Math.Round(d.Score)))]);
    }
}

/// <summary>What a company shared with its community: one round's shown dimension scores (0–100), without counts.</summary>
public sealed record SharedSummary(string InstrumentId, DateOnly ClosedOn, IReadOnlyList<SharedDimension> Dimensions)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static SharedSummary? FromJson(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<SharedSummary>(json);
}

public sealed record SharedDimension(string InstrumentId, string DimensionId, double Score);
