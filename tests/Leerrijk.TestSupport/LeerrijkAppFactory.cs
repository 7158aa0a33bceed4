using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.Organisations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Leerrijk.TestSupport;

/// <summary>The real app on a real database (SQLite or PostgreSQL), with mail written to a folder the test reads.</summary>
/// <remarks>Tests in one fixture share the database, so each test makes its own users and organisations.</remarks>
public partial class LeerrijkAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "een lange testzin voor leerrijk";

    private readonly bool _ownsDatabase = true;
    private TestDatabase? _database;

    public LeerrijkAppFactory()
    {
    }

    /// <summary>A second app instance on another fixture's database, to test what survives a restart.</summary>
    protected LeerrijkAppFactory(TestDatabase existing, string mailDirectory)
    {
        _database = existing;
        _ownsDatabase = false;
        MailDirectory = mailDirectory;
    }

    public string MailDirectory { get; private set; } = Path.Combine(Path.GetTempPath(), $"leerrijk-mail-{Guid.NewGuid():N}");

    public MailOutbox Outbox => new(MailDirectory);

    public TestDatabase Database => _database ?? throw new InvalidOperationException("InitializeAsync has not run.");

    /// <summary>Settings a fixture overrides, such as tighter rate limits.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>
    /// PBKDF2 rounds for the passwords tests make. At Identity's default (100,000, which the app keeps) hashing took a
    /// quarter of the integration suite's CPU (perf: libcrypto's SHA-512), and no test here is about how costly a
    /// guess is. Null keeps the app's own setting; PasswordStorageTests checks that one.
    /// </summary>
    protected virtual int? PasswordHashIterations => 1_000;

    public virtual async Task InitializeAsync()
    {
        _database ??= await TestDatabase.CreateAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_ownsDatabase)
        {
            return;
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (Directory.Exists(MailDirectory))
        {
            Directory.Delete(MailDirectory, recursive: true);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseStaticWebAssets();
        builder.UseSetting(Database.SettingKey, Database.ConnectionString);
        builder.UseSetting("Mail:PickupDirectory", MailDirectory);
        builder.UseSetting("Demo:Seed", "false");
        // The suite's PostgreSQL runs with fsync=off for speed; fixtures that start the app as Production test other
        // things. The refusal itself is tested with this set to false (DatabaseTests).
        builder.UseSetting(Leerrijk.Web.Data.DurabilityRule.AcceptUnsafeKey, "true");
        // Tests send many requests from one "browser"; the limits get their own fixture.
        builder.UseSetting("RateLimits:PerClientPerMinute", "100000");
        builder.UseSetting("RateLimits:PerAddressPerMinute", "100000");
        builder.UseSetting("RateLimits:AccountPostsPerClientPerMinute", "100000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (PasswordHashIterations is { } iterations)
        {
            builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = iterations));
        }
    }

    public HttpClient CreateBrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Creates a confirmed account directly, for tests about what comes after registration.</summary>
    public async Task<ApplicationUser> CreateUserAsync(string? email = null, bool confirmed = true, string password = Password)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        email ??= $"user-{Guid.NewGuid():N}@example.test";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = confirmed, DisplayName = "Test " + email[..8] };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        return user;
    }

    public async Task<Organisation> CreateOrganisationAsync(Guid ownerId, string? name = null)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var organisation = new Organisation
        {
            Name = name ?? $"Testbedrijf {Guid.NewGuid():N}"[..24],
            SbiSection = "C",
            SizeClass = SizeClass.Small,
            ProvinceId = "gelderland",
            LabourMarketRegionId = "achterhoek",
        };
        db.Organisations.Add(organisation);
        db.Memberships.Add(new Membership { OrganisationId = organisation.Id, UserId = ownerId, Role = OrganisationRole.Owner });
        await db.SaveChangesAsync();
        return organisation;
    }

    /// <summary>
    /// An open round on the teamscan for an organisation (today for a week; employees and managers; Werkplaats and
    /// Kantoor; Dutch and English; k = 5), with <paramref name="configure"/> to change what a test is about.
    /// </summary>
    public async Task<Leerrijk.Web.Features.Rounds.Round> CreateRoundAsync(Guid organisationId, Guid createdBy, Action<Leerrijk.Web.Features.Rounds.Round>? configure = null)
    {
        var today = Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(TimeProvider.System);
        var round = new Leerrijk.Web.Features.Rounds.Round
        {
            OrganisationId = organisationId,
            Code = Leerrijk.Web.Features.Rounds.Round.NewCode(),
            Title = "Testmeting",
            InstrumentId = "leerrijk-teamscan",
            InstrumentVersion = 1,
            InstrumentFingerprint = "test",
            OpensOn = today,
            ClosesOn = today.AddDays(7),
            Roles = ["Employee", "Manager"],
            Departments = ["Werkplaats", "Kantoor"],
            Languages = ["nl", "en"],
            AnonymityThreshold = 5,
            CreatedByUserId = createdBy,
        };
        configure?.Invoke(round);
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        return round;
    }

    /// <summary>An owner with an organisation and an open round in it.</summary>
    public async Task<Leerrijk.Web.Features.Rounds.Round> CreateRoundAsync(Action<Leerrijk.Web.Features.Rounds.Round>? configure = null)
    {
        var owner = await CreateUserAsync();
        var organisation = await CreateOrganisationAsync(owner.Id);
        return await CreateRoundAsync(organisation.Id, owner.Id, configure);
    }

    /// <summary>
    /// Stores <paramref name="count"/> generated responses to a round straight in the database (roles and departments
    /// from the round, answers 1..5 with some "don't know"), and closes the round when asked; for report tests.
    /// <paramref name="dontKnow"/> (response number, item) makes chosen answers "don't know", e.g. to thin out a dimension.
    /// </summary>
    public async Task<IReadOnlyList<Leerrijk.Web.Features.Responses.SurveyResponse>> SeedResponsesAsync(
        Leerrijk.Web.Features.Rounds.Round round, int count, int seed, bool close = true, Func<int, string?>? comment = null,
        Func<int, Leerrijk.Scoring.Instruments.Item, bool>? dontKnow = null)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var instrument = scope.ServiceProvider.GetRequiredService<Leerrijk.Web.Features.Instruments.InstrumentCatalog>().Find(round.InstrumentId, round.InstrumentVersion)!;
        var random = new Random(seed);
        var responses = new List<Leerrijk.Web.Features.Responses.SurveyResponse>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            var role = round.Roles[random.Next(round.Roles.Count)];
            var lean = role == "Employee" ? 0 : 1;
            var response = new Leerrijk.Web.Features.Responses.SurveyResponse
            {
                Id = id,
                OrganisationId = round.OrganisationId,
                RoundId = round.Id,
                SubmittedOn = round.OpensOn,
                Role = role,
                Department = round.Departments.Count == 0 ? null : round.Departments[random.Next(round.Departments.Count)],
                ContentHash = "seeded",
                Answers = instrument.Items.Select(item => new Leerrijk.Web.Features.Responses.ResponseAnswer
                {
                    ResponseId = id,
                    OrganisationId = round.OrganisationId,
                    InstrumentId = instrument.Id,
                    ItemId = item.Id,
                    Value = random.Next(12) == 0 | (dontKnow?.Invoke(i, item) ?? false) ? null : Math.Clamp(random.Next(1, 6) + lean, instrument.ScaleMin, instrument.ScaleMax),
                }).ToList(),
            };
            if (comment?.Invoke(i) is { } text)
            {
                response.Comments.Add(new() { ResponseId = id, OrganisationId = round.OrganisationId, RoundId = round.Id, QuestionId = instrument.OpenQuestions[0].Id, Text = text });
            }

            responses.Add(response);
        }

        db.Responses.AddRange(responses);
        if (close)
        {
            db.Rounds.Attach(round);
            round.ClosedAtUtc = DateTime.UtcNow;
        }

        await db.SaveChangesAsync();
        return responses;
    }

    public async Task AddMemberAsync(Guid organisationId, Guid userId, OrganisationRole role)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        db.Memberships.Add(new Membership { OrganisationId = organisationId, UserId = userId, Role = role });
        await db.SaveChangesAsync();
    }

    /// <summary>A support organisation (a leerwerkloket in Gelderland) with no members yet.</summary>
    public async Task<Leerrijk.Web.Features.Support.SupportOrganisation> CreateSupportOrganisationAsync(string? name = null)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var support = new Leerrijk.Web.Features.Support.SupportOrganisation
        {
            Name = name ?? $"Leerwerkloket {Guid.NewGuid():N}"[..28],
            Kind = Leerrijk.Web.Features.Support.SupportKind.Leerwerkloket,
            ProvinceIds = ["gelderland"],
            LabourMarketRegionIds = ["achterhoek"],
        };
        db.SupportOrganisations.Add(support);
        await db.SaveChangesAsync();
        return support;
    }

    public async Task AddSupportMemberAsync(Guid supportOrganisationId, Guid userId, Leerrijk.Web.Features.Support.SupportRole role)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        db.SupportMemberships.Add(new Leerrijk.Web.Features.Support.SupportMembership { SupportOrganisationId = supportOrganisationId, UserId = userId, Role = role });
        await db.SaveChangesAsync();
    }

    /// <summary>A new account that is an adviser (or coordinator) of a new support organisation.</summary>
    public async Task<(ApplicationUser User, Leerrijk.Web.Features.Support.SupportOrganisation Support)> CreateAdviserAsync(
        Leerrijk.Web.Features.Support.SupportRole role = Leerrijk.Web.Features.Support.SupportRole.Adviser)
    {
        var support = await CreateSupportOrganisationAsync();
        var user = await CreateUserAsync();
        await AddSupportMemberAsync(support.Id, user.Id, role);
        return (user, support);
    }

    /// <summary>
    /// A company's consent for a support organisation, stored as the owner's page would store it: the adviser named,
    /// the scopes, and an end date (default: a year from today).
    /// </summary>
    public async Task<Leerrijk.Web.Features.Consent.ConsentGrant> GrantAsync(
        Guid organisationId, Guid supportOrganisationId, Guid? adviserUserId, Leerrijk.Web.Features.Consent.ConsentScope scopes, DateOnly? endsOn = null)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var owner = await db.Memberships.Where(m => m.OrganisationId == organisationId).OrderBy(m => m.CreatedAtUtc).Select(m => m.UserId).FirstAsync();
        var grant = new Leerrijk.Web.Features.Consent.ConsentGrant
        {
            OrganisationId = organisationId,
            SupportOrganisationId = supportOrganisationId,
            AdviserUserId = adviserUserId,
            Scopes = scopes,
            EndsOn = endsOn ?? Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(TimeProvider.System).AddYears(1),
            GrantedByUserId = owner,
        };
        db.ConsentGrants.Add(grant);
        await db.SaveChangesAsync();
        return grant;
    }

    /// <summary>A new organisation and a client logged in as its owner.</summary>
    public async Task<(Organisation Organisation, HttpClient Owner)> OrganisationWithOwnerAsync()
    {
        var owner = await CreateUserAsync();
        var organisation = await CreateOrganisationAsync(owner.Id);
        return (organisation, await LoggedInClientAsync(owner.Email!));
    }

    /// <summary>A client logged in as a new adviser whose own support organisation holds a grant with <paramref name="scopes"/>
    /// for <paramref name="organisationId"/> that names them.</summary>
    public async Task<(HttpClient Client, Leerrijk.Web.Features.Support.SupportOrganisation Support)> ConsentedAdviserAsync(
        Guid organisationId, Leerrijk.Web.Features.Consent.ConsentScope scopes)
    {
        var (adviser, support) = await CreateAdviserAsync();
        await GrantAsync(organisationId, support.Id, adviser.Id, scopes);
        return (await LoggedInClientAsync(adviser.Email!), support);
    }

    /// <summary>A client logged in as a new account with the platform role Editor (menukaart steps and stories).</summary>
    public async Task<HttpClient> LoggedInEditorAsync()
    {
        var user = await CreateUserAsync();
        using (var scope = Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(user.Id.ToString()))!, Leerrijk.Web.Features.Account.PlatformRoles.Editor);
        }

        return await LoggedInClientAsync(user.Email!);
    }

    /// <summary>
    /// A client that calls the API with a new personal token of <paramref name="email"/>'s account, made as the token page
    /// makes it, for <paramref name="organisationId"/> or <paramref name="supportOrganisationId"/>.
    /// </summary>
    public async Task<HttpClient> TokenClientAsync(
        string email, Guid? organisationId, Guid? supportOrganisationId, Leerrijk.Web.Features.Api.ApiScope scopes, TimeSpan? lifetime = null)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var token = new Leerrijk.Web.Features.Api.ApiToken
        {
            UserId = userId,
            OrganisationId = organisationId,
            SupportOrganisationId = supportOrganisationId,
            Name = "test",
            Scopes = scopes,
            ExpiresAtUtc = DateTime.UtcNow.Add(lifetime ?? TimeSpan.FromDays(30)),
        };
        var text = token.IssueSecret();
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        var client = CreateBrowserClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", text);
        return client;
    }

    /// <summary>
    /// A client logged in through the real log-in form. With two-step log-in on, the code from the account's stored key
    /// follows on the second step; an account that must use it but has not set it up is enrolled through the real
    /// set-up page (<paramref name="completeTwoFactor"/> false stops after the password, for the tests of two-step log-in).
    /// </summary>
    public async Task<HttpClient> LoggedInClientAsync(string email, string password = Password, bool completeTwoFactor = true)
    {
        var client = CreateBrowserClient();
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Log-in as {email} failed: {(int)response.StatusCode}");
        }

        if (!completeTwoFactor)
        {
            return client;
        }

        var location = response.Headers.Location!.OriginalString;
        if (location.StartsWith("/Account/LoginWith2fa", StringComparison.OrdinalIgnoreCase))
        {
            var code = Totp.Code(await AuthenticatorKeyAsync(email) ?? throw new InvalidOperationException($"{email} has two-step log-in on but no key."));
            var second = await client.PostFormAsync(location, new() { ["Input.Code"] = code });
            if (second.StatusCode != System.Net.HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"The second log-in step as {email} failed: {(int)second.StatusCode}");
            }
        }
        else if (await TwoFactorStateAsync(email) is { Missing: true })
        {
            await EnrolTwoFactorAsync(client, email);
        }

        return client;
    }

    /// <summary>Sets up two-step log-in through the real page for the account signed in on <paramref name="client"/>; returns the recovery codes it showed.</summary>
    public async Task<IReadOnlyList<string>> EnrolTwoFactorAsync(HttpClient client, string email)
    {
        var start = await client.PostFormAsync("/Account/TwoFactor?handler=Start", new(), formPageUrl: "/Account/TwoFactor");
        if (start.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Starting two-step log-in for {email} gave {(int)start.StatusCode}");
        }

        var key = await AuthenticatorKeyAsync(email) ?? throw new InvalidOperationException($"Starting two-step log-in for {email} made no key.");
        var enabled = await client.PostFormAsync("/Account/TwoFactor?handler=Enable", new() { ["Input.Code"] = Totp.Code(key) }, formPageUrl: "/Account/TwoFactor");
        var codes = RecoveryCodePattern().Matches(await enabled.TextAsync()).Select(m => m.Groups[1].Value).ToList();
        if (codes.Count == 0)
        {
            throw new InvalidOperationException($"Turning on two-step log-in for {email} showed no recovery codes ({(int)enabled.StatusCode}).");
        }

        return codes;
    }

    /// <summary>The authenticator key Identity stored for the account, or null.</summary>
    public async Task<string?> AuthenticatorKeyAsync(string email)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.GetAuthenticatorKeyAsync(await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account for {email}."));
    }

    /// <summary>What the app's one rule says about two-step log-in for the account.</summary>
    public async Task<TwoFactorState?> TwoFactorStateAsync(string email)
    {
        using var scope = Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
        return user is null ? null : await scope.ServiceProvider.GetRequiredService<TwoFactorRequirement>().StateAsync(user.Id);
    }

    [System.Text.RegularExpressions.GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial System.Text.RegularExpressions.Regex RecoveryCodePattern();
}
