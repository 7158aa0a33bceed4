using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Communities;

/// <summary>What the two new-community pages (support organisation, company) share: the blank form and the creation.</summary>
public static class CommunityForm
{
    /// <summary>An empty form whose cycle runs from today for ten weeks, as the seeds' learning communities do.</summary>
    /// <param name="clock">The clock.</param>
    public static CommunityInput Blank(TimeProvider clock)
    {
        var today = LocalizationSetup.Today(clock);
        return new CommunityInput { StartsOn = today, EndsOn = today.AddDays(70) };
    }

    /// <summary>
    /// Checks the form and, when all is well, stores the community with its creator as the first facilitator; returns
    /// false (storing nothing) when a field needs another look.
    /// </summary>
    /// <param name="db">The database.</param>
    /// <param name="input">What was posted.</param>
    /// <param name="community">The new community, with who runs it set.</param>
    /// <param name="userId">The creator.</param>
    /// <param name="organisationId">The company the creator takes part for, when a company runs it.</param>
    /// <param name="reference">The provinces.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="modelState">Where the messages go.</param>
    /// <param name="l">The texts.</param>
    /// <param name="cancellationToken">Stops saving.</param>
    public static async Task<bool> TryCreateAsync(
        LeerrijkDbContext db, CommunityInput input, Community community, Guid userId, Guid? organisationId,
        ReferenceData reference, TimeProvider clock, ModelStateDictionary modelState, IStringLocalizer l, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(clock);
        var today = LocalizationSetup.Today(clock);
        if (!input.TryApply(community, today, today, reference, modelState, l))
        {
            return false;
        }

        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync(cancellationToken);
        await CommunityMembership.CreateAsync(db, community, userId, email, organisationId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return true;
    }
}
