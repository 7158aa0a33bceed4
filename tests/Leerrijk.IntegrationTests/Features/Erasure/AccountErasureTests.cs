using System.Net;
using System.Text.Json;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Erasure;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Erasure;

/// <summary>A person downloads what Leerrijk holds about their account, and deletes it (ADR 0021).</summary>
public sealed class AccountErasureTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private const string Page = "/account/gegevens";

    [Fact]
    public async Task The_download_holds_the_account_its_memberships_tokens_access_log_and_consent_but_no_secret()
    {
        var person = await PersonWithEverythingAsync();
        var client = await app.LoggedInClientAsync(person.Email);

        var html = await client.GetHtmlAsync(Page);
        Assert.Contains("Antwoorden op een meting zijn anoniem", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/privacy\"", html, StringComparison.Ordinal);
        Assert.Contains(Page, await client.GetHtmlAsync("/Account/ChangePassword"), StringComparison.Ordinal);

        var download = await client.GetAsync(Page + "?handler=Download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        Assert.True(download.Headers.CacheControl?.NoStore);
        var text = await download.Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(text).RootElement;

        Assert.Equal(person.Email, json.GetProperty("account").GetProperty("email").GetString());
        var memberships = json.GetProperty("memberships").EnumerateArray().ToList();
        Assert.Contains(memberships, m => m.GetProperty("organisationId").GetGuid() == person.OrganisationId && m.GetProperty("role").GetString() == "Owner");
        Assert.Equal(person.SupportId, json.GetProperty("supportMemberships").EnumerateArray().Single().GetProperty("supportOrganisationId").GetGuid());
        Assert.Single(json.GetProperty("communityMemberships").EnumerateArray());
        var token = json.GetProperty("apiTokens").EnumerateArray().Single();
        Assert.Equal(person.OrganisationId, token.GetProperty("organisationId").GetGuid());
        Assert.DoesNotContain(person.TokenSecretHash, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", text, StringComparison.OrdinalIgnoreCase);
        var logged = json.GetProperty("accessLog").EnumerateArray().ToList();
        Assert.Contains(logged, e => e.GetProperty("organisationId").GetGuid() == person.AdvisedCompanyId && e.GetProperty("path").GetString()!.EndsWith("/report", StringComparison.Ordinal));
        var consent = json.GetProperty("consentActions").EnumerateArray().ToList();
        Assert.Contains(consent, c => c.GetProperty("organisationId").GetGuid() == person.OrganisationId && c.GetProperty("grantedByYou").GetBoolean());
        Assert.Contains(consent, c => c.GetProperty("organisationId").GetGuid() == person.AdvisedCompanyId && c.GetProperty("namesYou").GetBoolean());
    }

    [Fact]
    public async Task The_last_owner_of_an_organisation_cannot_delete_the_account_and_is_told_what_to_do()
    {
        var (organisation, owner) = await app.OrganisationWithOwnerAsync();
        Assert.Contains($"U bent de enige eigenaar van {organisation.Name}.", await owner.GetHtmlAsync(Page), StringComparison.Ordinal);

        var refused = await owner.PostFormAsync(Page + "?handler=Delete", new() { ["Input.Password"] = LeerrijkAppFactory.Password }, Page);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Maak eerst iemand anders eigenaar, of verwijder de organisatie.", await refused.TextAsync(), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        Assert.True(await db.Memberships.AnyAsync(m => m.OrganisationId == organisation.Id && m.Role == OrganisationRole.Owner));
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/o/{organisation.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_last_coordinator_of_a_support_organisation_cannot_delete_the_account_until_someone_else_coordinates()
    {
        var (user, support) = await app.CreateAdviserAsync(role: SupportRole.Coordinator);
        var adviser = await app.CreateUserAsync();
        await app.AddSupportMemberAsync(support.Id, adviser.Id, SupportRole.Adviser);
        var coordinator = await app.LoggedInClientAsync(user.Email!);
        Assert.Contains($"U bent de enige coördinator van {support.Name}.", await coordinator.GetHtmlAsync(Page), StringComparison.Ordinal);

        var refused = await coordinator.PostFormAsync(Page + "?handler=Delete", new() { ["Input.Password"] = LeerrijkAppFactory.Password }, Page);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Maak eerst iemand anders daar coördinator.", await refused.TextAsync(), StringComparison.Ordinal);
        using (var scope = app.Services.CreateScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Users.AnyAsync(u => u.Id == user.Id));
        }

        // An adviser is not enough: with a second coordinator the account can go, and the support organisation keeps one.
        var colleague = await app.CreateUserAsync();
        await app.AddSupportMemberAsync(support.Id, colleague.Id, SupportRole.Coordinator);
        Assert.DoesNotContain("enige coördinator", await coordinator.GetHtmlAsync(Page), StringComparison.Ordinal);
        var deleted = await coordinator.PostFormAsync(Page + "?handler=Delete", new() { ["Input.Password"] = LeerrijkAppFactory.Password }, Page);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            Assert.False(await db.Users.AnyAsync(u => u.Id == user.Id));
            Assert.Equal(colleague.Id, await db.SupportMemberships.Where(m => m.SupportOrganisationId == support.Id && m.Role == SupportRole.Coordinator).Select(m => m.UserId).SingleAsync());
        }
    }

    [Fact]
    public async Task A_wrong_or_missing_password_is_refused_in_plain_words()
    {
        var user = await app.CreateUserAsync();
        var client = await app.LoggedInClientAsync(user.Email!);
        var wrong = await client.PostFormAsync(Page + "?handler=Delete", new() { ["Input.Password"] = "niet mijn wachtwoord" }, Page);
        Assert.Contains("Dit wachtwoord klopt niet. Typ het wachtwoord waarmee u inlogt.", await wrong.TextAsync(), StringComparison.Ordinal);
        var missing = await client.PostFormAsync(Page + "?handler=Delete", new() { ["Input.Password"] = "" }, Page);
        Assert.Contains("Vul Huidig wachtwoord in.", await missing.TextAsync(), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Users.AnyAsync(u => u.Id == user.Id));
    }

    [Fact]
    public async Task Deleting_the_account_leaves_no_row_with_the_persons_id_and_the_companys_log_says_removed_account()
    {
        var person = await PersonWithEverythingAsync();
        var client = await app.LoggedInClientAsync(person.Email);

        var deleted = await client.PostFormAsync(Page + "?handler=Delete", new() { ["Input.Password"] = LeerrijkAppFactory.Password }, Page);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/", deleted.Headers.Location!.OriginalString);
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync(Page)).StatusCode);

        var left = await TableScan.MentionsAsync(app.Services, person.UserId);
        Assert.True(left.Count == 0, "Rows with the deleted account's id remain in: " + string.Join(", ", left));

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();

            // The company the person advised keeps its log of what was read, with a neutral name.
            var log = await db.AccessLog.Where(e => e.OrganisationId == person.AdvisedCompanyId).ToListAsync();
            Assert.NotEmpty(log);
            Assert.All(log, e => Assert.Equal(Eraser.DeletedAccount, e.UserId));

            // The organisation they co-owned goes on with its other owner; a grant naming them admits nobody now.
            Assert.True(await db.Organisations.AnyAsync(o => o.Id == person.OrganisationId));
            Assert.True(await db.Memberships.AnyAsync(m => m.OrganisationId == person.OrganisationId && m.Role == OrganisationRole.Owner));
        }

        var companyOwner = await app.LoggedInClientAsync(person.AdvisedCompanyOwnerEmail);
        Assert.Contains("(account verwijderd)", await companyOwner.GetHtmlAsync($"/o/{person.AdvisedCompanyId}/support"), StringComparison.Ordinal);

        var login = await app.CreateBrowserClient().PostFormAsync("/Account/Login", new() { ["Input.Email"] = person.Email, ["Input.Password"] = LeerrijkAppFactory.Password });
        Assert.NotEqual(HttpStatusCode.Redirect, login.StatusCode);
    }

    private sealed record Person(
        Guid UserId, string Email, Guid OrganisationId, Guid SupportId, Guid AdvisedCompanyId, string AdvisedCompanyOwnerEmail, string TokenSecretHash);

    /// <summary>
    /// Someone who co-owns a company (and gave a support organisation consent there), advises another company for a
    /// support organisation (and read its report), belongs to a learning community and has an API token.
    /// </summary>
    private async Task<Person> PersonWithEverythingAsync()
    {
        var (user, support) = await app.CreateAdviserAsync();
        var organisation = await app.CreateOrganisationAsync(user.Id);
        var coOwner = await app.CreateUserAsync();
        await app.AddMemberAsync(organisation.Id, coOwner.Id, OrganisationRole.Owner);
        var otherSupport = await app.CreateSupportOrganisationAsync();
        await app.GrantAsync(organisation.Id, otherSupport.Id, null, ConsentScope.ReadReports);

        var companyOwner = await app.CreateUserAsync();
        var advised = await app.CreateOrganisationAsync(companyOwner.Id);
        var round = await app.CreateRoundAsync(advised.Id, companyOwner.Id);
        await app.SeedResponsesAsync(round, 12, seed: 4);
        await app.GrantAsync(advised.Id, support.Id, user.Id, ConsentScope.ReadReports);
        var adviser = await app.LoggedInClientAsync(user.Email!);
        Assert.Equal(HttpStatusCode.OK, (await adviser.GetAsync($"/o/{advised.Id}/rounds/{round.Id}/report")).StatusCode);
        await app.TokenClientAsync(user.Email!, organisation.Id, null, Leerrijk.Web.Features.Api.ApiScope.ReadReports);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();

        // GrantAsync stores the first owner as the one who gave consent: that is this person for their own company.
        var community = new Leerrijk.Web.Features.Communities.Community
        {
            Name = "Leertafel",
            Theme = "Inwerken",
            Kind = Leerrijk.Web.Features.Communities.CommunityKind.LearningTable,
            SupportOrganisationId = otherSupport.Id,
            StartsOn = round.OpensOn,
            EndsOn = round.OpensOn.AddDays(90),
            CreatedByUserId = coOwner.Id,
        };
        db.Communities.Add(community);
        db.CommunityMembers.Add(new Leerrijk.Web.Features.Communities.CommunityMember
        {
            CommunityId = community.Id,
            UserId = user.Id,
            Email = user.Email!,
            Role = Leerrijk.Web.Features.Communities.CommunityRole.Member,
            Status = Leerrijk.Web.Features.Communities.MemberStatus.Active,
            JoinedAtUtc = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        var secretHash = await db.ApiTokens.Where(t => t.UserId == user.Id).Select(t => t.SecretHash).SingleAsync();
        return new Person(user.Id, user.Email!, organisation.Id, support.Id, advised.Id, companyOwner.Email!, secretHash);
    }
}
