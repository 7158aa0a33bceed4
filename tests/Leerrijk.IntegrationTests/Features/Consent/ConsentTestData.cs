using System.Globalization;
using System.Net;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Consent;

/// <summary>A company with an owner (logged in) and a closed round with a report, as the consent tests start from.</summary>
internal sealed record Company(ApplicationUser Owner, Organisation Organisation, Round Round, HttpClient OwnerClient)
{
    public Guid Id => Organisation.Id;

    public string ReportUrl => $"/o/{Organisation.Id}/rounds/{Round.Id}/report";

    public string SupportPage => $"/o/{Organisation.Id}/support";
}

internal static class ConsentTestData
{
    public static DateOnly Today => LocalizationSetup.Today(TimeProvider.System);

    /// <summary>A date as a date input sends it.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<Company> CompanyWithReportAsync(this LeerrijkAppFactory app)
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var round = await app.CreateRoundAsync(organisation.Id, owner.Id);
        await app.SeedResponsesAsync(round, 12, seed: 7);
        return new Company(owner, organisation, round, await app.LoggedInClientAsync(owner.Email!));
    }

    /// <summary>The form came back (200) with <paramref name="message"/> on it.</summary>
    public static async Task ExplainsAsync(HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.TextAsync(), StringComparison.Ordinal);
    }

    /// <summary>Whether the answer is the 403 of a page: cookie authentication sends the browser to the access-denied page.</summary>
    public static bool IsForbidden(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && (response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.AbsolutePath : response.Headers.Location.OriginalString)
            .StartsWith("/Account/AccessDenied", StringComparison.Ordinal);

    public static async Task<List<ConsentGrant>> GrantsOfAsync(this LeerrijkAppFactory app, Guid organisationId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        return await db.ConsentGrants.AsNoTracking().Where(g => g.OrganisationId == organisationId).ToListAsync();
    }

    /// <summary>Changes rows straight in the database, for states a test cannot wait for (an expired link).</summary>
    public static async Task ChangeAsync(this LeerrijkAppFactory app, Func<LeerrijkDbContext, Task> change)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        await change(db);
        await db.SaveChangesAsync();
    }
}
