using System.Reflection;
using System.Text.Json;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.Programmes;
using Leerrijk.Web.Features.Responses;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Leerrijk.Web.Features.Erasure;

/// <summary>
/// Removes what must go (ADR 0021): a round's raw answers once they are folded and past retention, a round with
/// everything hanging off it, an organisation with every row of it, and a person's account.
/// </summary>
/// <remarks>
/// The organisation and account erasures walk the model rather than a list of tables, so a table added later is
/// covered without anyone remembering this class; the erasure tests scan every table afterwards to keep that true.
/// </remarks>
public sealed partial class Eraser(LeerrijkDbContext db, Rounds.RoundCache rounds, TimeProvider clock, ILogger<Eraser> logger)
{
    /// <summary>The id that stands in for a deleted account in rows kept for the company's accountability ("verwijderd account").</summary>
    public static readonly Guid DeletedAccount = Guid.Empty;

    /// <summary>
    /// Removes the raw answers of a closed round (responses, their answers and open answers, drafts, personal
    /// invitations) and records how many there were; refused (false) while any response is not yet folded into the
    /// statistics, since the report could then no longer count it.
    /// </summary>
    public Task<bool> RemoveRawAnswersAsync(Guid roundId, CancellationToken cancellationToken) =>
        InTransactionAsync(async ct =>
        {
            var round = await db.Rounds.IgnoreQueryFilters().SingleOrDefaultAsync(r => r.Id == roundId, ct);
            if (round is null || round.ClosedAtUtc is null || round.RawAnswersRemovedAtUtc is not null
                || await db.Responses.IgnoreQueryFilters().AnyAsync(r => r.RoundId == roundId && !r.Folded, ct))
            {
                return false;
            }

            var removed = await DeleteRawRowsAsync(roundId, ct);
            round.RemovedResponses += removed;
            round.RawAnswersRemovedAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            LogRawAnswersRemoved(roundId, removed);
            return true;
        }, cancellationToken);

    /// <summary>Deletes a round and everything that hangs off it: answers, statistics, invitations, its webhook events.</summary>
    /// <remarks>The company's access log keeps its lines about the round: who read what stays accountable (ADR 0021).</remarks>
    public Task<bool> DeleteRoundAsync(Guid organisationId, Guid roundId, CancellationToken cancellationToken) =>
        InTransactionAsync(async ct =>
        {
            var round = await db.Rounds.IgnoreQueryFilters().SingleOrDefaultAsync(r => r.Id == roundId && r.OrganisationId == organisationId, ct);
            if (round is null)
            {
                return false;
            }

            await DeleteRawRowsAsync(roundId, ct);
            await db.RoundStatistics.IgnoreQueryFilters().Where(s => s.RoundId == roundId).ExecuteDeleteAsync(ct);
            await db.WebhookEvents.IgnoreQueryFilters().Where(e => e.ObjectId == roundId).ExecuteDeleteAsync(ct);
            await db.ActionSteps.IgnoreQueryFilters().Where(s => s.RoundId == roundId).ExecuteUpdateAsync(s => s.SetProperty(x => x.RoundId, (Guid?)null), ct);
            await db.Tracks.IgnoreQueryFilters().Where(t => t.BaselineRoundId == roundId).ExecuteUpdateAsync(s => s.SetProperty(x => x.BaselineRoundId, (Guid?)null), ct);
            await db.Tracks.IgnoreQueryFilters().Where(t => t.FollowUpRoundId == roundId).ExecuteUpdateAsync(s => s.SetProperty(x => x.FollowUpRoundId, (Guid?)null), ct);
            await db.Rounds.IgnoreQueryFilters().Where(r => r.Id == roundId).ExecuteDeleteAsync(ct);
            rounds.Forget(round.Code);
            LogRoundDeleted(roundId);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Erases an organisation: every row that belongs to it or names it, in every table. Published programme figures
    /// stay (aggregates over at least k companies); the company's id in their bookkeeping is replaced by a random
    /// stand-in, so the next computation still sees that a company left and guards the change as before.
    /// </summary>
    public Task<bool> EraseOrganisationAsync(Guid organisationId, CancellationToken cancellationToken) =>
        InTransactionAsync(async ct =>
        {
            if (!await db.Organisations.IgnoreQueryFilters().AnyAsync(o => o.Id == organisationId, ct))
            {
                return false;
            }

            var roundRows = await db.Rounds.IgnoreQueryFilters().Where(r => r.OrganisationId == organisationId).Select(r => new { r.Id, r.Code }).ToListAsync(ct);
            var roundIds = roundRows.Select(r => r.Id).ToList();
            var grantIds = await db.ConsentGrants.IgnoreQueryFilters().Where(g => g.OrganisationId == organisationId).Select(g => (Guid?)g.Id).ToListAsync(ct);

            // Rows that name the company without belonging to it: what it brought to communities, its story drafts,
            // tokens bound to it, and the advisers' requests that led to its grants.
            await db.StoryDrafts.Where(d => d.OrganisationId == organisationId).ExecuteDeleteAsync(ct);
            await db.CommunityLessons.Where(l => l.OrganisationId == organisationId).ExecuteDeleteAsync(ct);
            await db.CommunityMembers.Where(m => m.OrganisationId == organisationId).ExecuteDeleteAsync(ct);
            await db.Communities.Where(c => c.OrganisationId == organisationId).ExecuteDeleteAsync(ct);
            await db.ApiTokens.Where(t => t.OrganisationId == organisationId).ExecuteDeleteAsync(ct);
            await db.ProgrammeParticipants.Where(p => p.OrganisationId == organisationId).ExecuteDeleteAsync(ct);
            await db.WebhookSubscriptions.Where(s => s.OrganisationId == organisationId).ExecuteDeleteAsync(ct);
            await db.ConnectionRequests.Where(r => grantIds.Contains(r.GrantId)).ExecuteDeleteAsync(ct);
            await db.WebhookEvents.IgnoreQueryFilters().Where(e => roundIds.Contains(e.ObjectId)).ExecuteDeleteAsync(ct);
            await ForgetInProgrammeSnapshotsAsync(organisationId, ct);

            // Every table of organisation data, found from the model.
            foreach (var type in db.Model.GetEntityTypes().Select(t => t.ClrType).Where(typeof(IOrganisationScoped).IsAssignableFrom))
            {
                await (Task<int>)DeleteScopedMethod.MakeGenericMethod(type).Invoke(null, [db, organisationId, ct])!;
            }

            await db.Organisations.IgnoreQueryFilters().Where(o => o.Id == organisationId).ExecuteDeleteAsync(ct);

            // Submissions find rounds through this cache; another app instance's copy lags by its few seconds at most.
            foreach (var round in roundRows)
            {
                rounds.Forget(round.Code);
            }

            LogOrganisationErased(organisationId, roundIds.Count);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Deletes an account and what hangs off it (memberships, tokens, community memberships); rows the company keeps
    /// for its accountability (access log, consent given, rounds started) keep <see cref="DeletedAccount"/> instead.
    /// </summary>
    /// <remarks>The caller checks first that the person is not an organisation's last owner.</remarks>
    public Task<bool> DeleteAccountAsync(Guid userId, CancellationToken cancellationToken) =>
        InTransactionAsync(async ct =>
        {
            if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
            {
                return false;
            }

            foreach (var (type, property) in UserReferences(db.Model))
            {
                var method = property.ClrType == typeof(Guid) ? ReplaceUserMethod : ReplaceNullableUserMethod;
                await (Task<int>)method.MakeGenericMethod(type).Invoke(null, [db, property.Name, userId, ct])!;
            }

            // Memberships, tokens, roles, community and programme memberships go with the account (cascades in the model).
            await db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync(ct);
            LogAccountDeleted(userId);
            return true;
        }, cancellationToken);

    /// <summary>Columns that hold a person's id without a cascading foreign key to the account: they keep a neutral stand-in.</summary>
    internal static IEnumerable<(Type Type, IProperty Property)> UserReferences(IModel model) =>
        from entity in model.GetEntityTypes()
        where entity.ClrType != typeof(ApplicationUser)
        from property in entity.GetProperties()
        where (property.ClrType == typeof(Guid) || property.ClrType == typeof(Guid?))
              && property.Name.EndsWith("UserId", StringComparison.Ordinal)
              && !property.GetContainingForeignKeys().Any(fk => fk.PrincipalEntityType.ClrType == typeof(ApplicationUser))
              && !property.IsPrimaryKey()
        select (entity.ClrType, property);

    private async Task<int> DeleteRawRowsAsync(Guid roundId, CancellationToken ct)
    {
        await db.Set<ResponseComment>().IgnoreQueryFilters().Where(c => c.RoundId == roundId).ExecuteDeleteAsync(ct);
        await db.Set<ResponseAnswer>().IgnoreQueryFilters()
            .Where(a => db.Responses.IgnoreQueryFilters().Any(r => r.Id == a.ResponseId && r.RoundId == roundId))
            .ExecuteDeleteAsync(ct);
        var responses = await db.Responses.IgnoreQueryFilters().Where(r => r.RoundId == roundId).ExecuteDeleteAsync(ct);
        await db.ResponseDrafts.IgnoreQueryFilters().Where(d => d.RoundId == roundId).ExecuteDeleteAsync(ct);
        await db.PersonalInvitations.IgnoreQueryFilters().Where(i => i.RoundId == roundId).ExecuteDeleteAsync(ct);
        return responses;
    }

    private async Task ForgetInProgrammeSnapshotsAsync(Guid organisationId, CancellationToken ct)
    {
        // The published figures are aggregates and stay; only the bookkeeping behind them lists companies by id.
        var text = organisationId.ToString();
        var snapshots = await db.ProgrammeSnapshots.Where(s => s.PopulationsJson.Contains(text)).ToListAsync(ct);
        foreach (var snapshot in snapshots)
        {
            var populations = JsonSerializer.Deserialize<Populations>(snapshot.PopulationsJson, ProgrammeComputation.Json);
            if (populations is null)
            {
                continue;
            }

            // Same position in the list, so every published set keeps its size: the next computation compares against it as before.
            var standIn = Guid.NewGuid();
            var companies = populations.Companies.Select(c => c == organisationId ? standIn : c).ToList();
            snapshot.PopulationsJson = JsonSerializer.Serialize(populations with { Companies = companies }, ProgrammeComputation.Json);
        }

        await db.SaveChangesAsync(ct);
    }

    private Task<bool> InTransactionAsync(Func<CancellationToken, Task<bool>> work, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(
            work, async (_, work, ct) =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var done = await work(ct);
                await transaction.CommitAsync(ct);
                return done;
            },
            verifySucceeded: null,
            cancellationToken);

    private static readonly MethodInfo DeleteScopedMethod = typeof(Eraser).GetMethod(nameof(DeleteScopedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo ReplaceUserMethod = typeof(Eraser).GetMethod(nameof(ReplaceUserAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo ReplaceNullableUserMethod = typeof(Eraser).GetMethod(nameof(ReplaceNullableUserAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static Task<int> DeleteScopedAsync<T>(LeerrijkDbContext db, Guid organisationId, CancellationToken ct)
        where T : class =>
        db.Set<T>().IgnoreQueryFilters().Where(e => EF.Property<Guid>(e, nameof(IOrganisationScoped.OrganisationId)) == organisationId).ExecuteDeleteAsync(ct);

    private static Task<int> ReplaceUserAsync<T>(LeerrijkDbContext db, string property, Guid userId, CancellationToken ct)
        where T : class =>
        db.Set<T>().IgnoreQueryFilters().Where(e => EF.Property<Guid>(e, property) == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => EF.Property<Guid>(e, property), DeletedAccount), ct);

    private static Task<int> ReplaceNullableUserAsync<T>(LeerrijkDbContext db, string property, Guid userId, CancellationToken ct)
        where T : class =>
        db.Set<T>().IgnoreQueryFilters().Where(e => EF.Property<Guid?>(e, property) == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => EF.Property<Guid?>(e, property), DeletedAccount), ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed the raw answers of round {RoundId} ({Responses} responses) after its retention period")]
    private partial void LogRawAnswersRemoved(Guid roundId, int responses);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted round {RoundId}")]
    private partial void LogRoundDeleted(Guid roundId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased organisation {OrganisationId} with {Rounds} round(s)")]
    private partial void LogOrganisationErased(Guid organisationId, int rounds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted account {UserId}")]
    private partial void LogAccountDeleted(Guid userId);
}
