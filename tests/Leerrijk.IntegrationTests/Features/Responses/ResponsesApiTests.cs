using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Responses;

/// <summary>POST /api/v1/s/{code}/responses: validation, idempotency and atomicity, on a real database.</summary>
public sealed class ResponsesApiTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    private static DateOnly Today => LocalizationSetup.Today(TimeProvider.System);

    private Task<Round> RoundAsync(DateOnly? opens = null, DateOnly? closes = null, bool closed = false, string? module = null) => app.CreateRoundAsync(r =>
    {
        r.ModuleId = module;
        r.ModuleVersion = module is null ? null : app.Services.GetRequiredService<Leerrijk.Web.Features.Instruments.InstrumentCatalog>().Find(module)!.Version;
        r.OpensOn = opens ?? Today;
        r.ClosesOn = closes ?? Today.AddDays(14);
        r.Roles = ["Employee", "Manager"];
        r.ClosedAtUtc = closed ? DateTime.UtcNow : null;
    });

    private static object Body(Guid id, int foutMelden = 4, string role = "employee") => new
    {
        id,
        language = "nl",
        role,
        department = "werkplaats",
        yearsEmployed = "1-5",
        answers = new Dictionary<string, int?> { ["fout-melden"] = foutMelden, ["fout-leren"] = null, ["feedback"] = 5 },
        open = new Dictionary<string, string> { ["wat-helpt"] = "Meelopen met een collega." },
    };

    private HttpClient Client() => app.CreateClient();

    private async Task<int> StoredAsync(Guid id)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        return await db.Responses.CountAsync(r => r.Id == id);
    }

    [Fact]
    public async Task A_valid_response_is_stored_whole_and_acknowledged()
    {
        var round = await RoundAsync();
        var id = Guid.NewGuid();

        var response = await Client().PostAsJsonAsync($"/api/v1/s/{round.Code}/responses", Body(id));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ack = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, ack.GetProperty("id").GetGuid());
        Assert.Equal(Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ack.GetProperty("receivedOn").GetString());
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var stored = await db.Responses.Include(r => r.Answers).Include(r => r.Comments).SingleAsync(r => r.Id == id);
        Assert.Equal("Employee", stored.Role);
        Assert.Equal("Werkplaats", stored.Department);
        Assert.Equal(3, stored.Answers.Count);
        Assert.Null(stored.Answers.Single(a => a.ItemId == "fout-leren").Value);
        Assert.Equal("Meelopen met een collega.", Assert.Single(stored.Comments).Text);
    }

    [Fact]
    public async Task The_same_id_and_content_again_gets_the_same_acknowledgement_and_one_row()
    {
        var round = await RoundAsync();
        var id = Guid.NewGuid();

        var first = await Client().PostAsJsonAsync($"/api/v1/s/{round.Code.ToLowerInvariant()}/responses", Body(id));
        var second = await Client().PostAsJsonAsync($"/api/v1/s/{round.Code}/responses", Body(id));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, await StoredAsync(id));
    }

    [Fact]
    public async Task The_same_id_with_other_answers_is_refused_with_409()
    {
        var round = await RoundAsync();
        var id = Guid.NewGuid();
        await Client().PostAsJsonAsync($"/api/v1/s/{round.Code}/responses", Body(id, foutMelden: 4));

        var conflict = await Client().PostAsJsonAsync($"/api/v1/s/{round.Code}/responses", Body(id, foutMelden: 2));

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        Assert.Equal(4, (await db.Responses.Include(r => r.Answers).SingleAsync(r => r.Id == id)).Answers.Single(a => a.ItemId == "fout-melden").Value);
    }

    [Fact]
    public async Task Concurrent_replays_of_one_id_store_exactly_one_row()
    {
        var round = await RoundAsync();
        var id = Guid.NewGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Client().PostAsJsonAsync($"/api/v1/s/{round.Code}/responses", Body(id))));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"got {(int)r.StatusCode}"));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, await StoredAsync(id));
    }

    [Fact]
    public async Task Every_invalid_field_is_listed_and_nothing_is_written()
    {
        var round = await RoundAsync();
        var id = Guid.NewGuid();
        var body = new
        {
            id,
            language = "fr",
            role = "owner",
            department = "Kelder",
            answers = new Dictionary<string, int?> { ["fout-melden"] = 7, ["bestaat-niet"] = 3, ["feedback"] = 4 },
            open = new Dictionary<string, string> { ["geen-vraag"] = "x", ["wat-helpt"] = new string('a', 4001) },
        };

        var response = await Client().PostAsJsonAsync($"/api/v1/s/{round.Code}/responses", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "language", "role", "department", "answers.fout-melden", "answers.bestaat-niet", "open.geen-vraag", "open.wat-helpt" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
        }

        Assert.Contains("7 ligt buiten de schaal van 1 tot en met 5", errors.GetProperty("answers.fout-melden")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync(id));
    }

    [Fact]
    public async Task Unknown_closed_and_not_yet_open_rounds_get_their_own_answer()
    {
        var closed = await RoundAsync(closed: true);
        var planned = await RoundAsync(opens: Today.AddDays(3), closes: Today.AddDays(10));
        var ended = await RoundAsync(opens: Today.AddDays(-10), closes: Today.AddDays(-1));

        Assert.Equal(HttpStatusCode.NotFound, (await Client().PostAsJsonAsync("/api/v1/s/NIETS1/responses", Body(Guid.NewGuid()))).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await Client().PostAsJsonAsync($"/api/v1/s/{closed.Code}/responses", Body(Guid.NewGuid()))).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await Client().PostAsJsonAsync($"/api/v1/s/{ended.Code}/responses", Body(Guid.NewGuid()))).StatusCode);
        var early = await Client().PostAsJsonAsync($"/api/v1/s/{planned.Code}/responses", Body(Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        Assert.Contains(Today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_and_oversized_bodies_get_problem_details()
    {
        var round = await RoundAsync();

        var malformed = await Client().PostAsync($"/api/v1/s/{round.Code}/responses", new StringContent("{ dit is geen json", Encoding.UTF8, "application/json"));
        var huge = await Client().PostAsync($"/api/v1/s/{round.Code}/responses", new StringContent($"{{\"id\":\"{Guid.NewGuid()}\",\"x\":\"{new string('a', 1_100_000)}\"}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal("application/problem+json", huge.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Module_answers_are_stored_under_the_module()
    {
        var round = await RoundAsync(module: "leerklimaat-monitor");
        using var scope = app.Services.CreateScope();
        var monitor = scope.ServiceProvider.GetRequiredService<Leerrijk.Web.Features.Instruments.InstrumentCatalog>().Find("leerklimaat-monitor")!;
        var id = Guid.NewGuid();
        var body = new { id, role = "employee", answers = new Dictionary<string, int?> { ["fout-melden"] = 3 }, moduleAnswers = new Dictionary<string, int?> { [monitor.Items[0].Id] = 4 } };

        var response = await Client().PostAsJsonAsync($"/api/v1/s/{round.Code}/responses", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var answers = await db.Set<Leerrijk.Web.Features.Responses.ResponseAnswer>().Where(a => a.ResponseId == id).ToListAsync();
        Assert.Contains(answers, a => a.InstrumentId == "leerklimaat-monitor" && a.ItemId == monitor.Items[0].Id && a.Value == 4);
    }

    [Fact]
    public async Task A_round_closed_by_hand_refuses_the_next_submission_at_once()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var round = await app.CreateRoundAsync(organisation.Id, owner.Id);
        Assert.Equal(HttpStatusCode.Created, (await Client().PostAsJsonAsync($"/api/v1/s/{round.Code}/responses", Body(Guid.NewGuid()))).StatusCode);

        var hr = await app.LoggedInClientAsync(owner.Email!);
        var close = await hr.PostFormAsync($"/o/{organisation.Id}/rounds/{round.Id}?handler=Close", new() { ["confirmed"] = "true" }, $"/o/{organisation.Id}/rounds/{round.Id}");
        Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);

        Assert.Equal(HttpStatusCode.Gone, (await Client().PostAsJsonAsync($"/api/v1/s/{round.Code}/responses", Body(Guid.NewGuid()))).StatusCode);
    }

    [Fact]
    public async Task A_write_that_fails_half_way_leaves_nothing_behind()
    {
        var round = await RoundAsync();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var id = Guid.NewGuid();
        Leerrijk.Web.Features.Responses.ResponseAnswer Answer() =>
            new() { ResponseId = id, OrganisationId = round.OrganisationId, InstrumentId = round.InstrumentId, ItemId = "fout-melden", Value = 4 };

        // The same item twice breaks the answers' primary key after the response row itself was written.
        var broken = new Leerrijk.Web.Features.Responses.SurveyResponse
        {
            Id = id,
            OrganisationId = round.OrganisationId,
            RoundId = round.Id,
            SubmittedOn = Today,
            Role = "Employee",
            ContentHash = "x",
            Answers = [Answer(), Answer()],
        };

        // A good response in the same batch goes too: a batch is one transaction.
        var goodId = Guid.NewGuid();
        var good = new Leerrijk.Web.Features.Responses.SurveyResponse
        {
            Id = goodId,
            OrganisationId = round.OrganisationId,
            RoundId = round.Id,
            SubmittedOn = Today,
            Role = "Employee",
            ContentHash = "y",
            Answers = [new() { ResponseId = goodId, OrganisationId = round.OrganisationId, InstrumentId = round.InstrumentId, ItemId = "fout-melden", Value = 3 }],
        };

        await Assert.ThrowsAnyAsync<Exception>(() => Leerrijk.Web.Features.Responses.ResponseWriter.InsertAsync(db, [good, broken], default));

        using var check = app.Services.CreateScope();
        var fresh = check.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        Assert.False(await fresh.Responses.AnyAsync(r => r.Id == id || r.Id == goodId));
        Assert.False(await fresh.Set<Leerrijk.Web.Features.Responses.ResponseAnswer>().AnyAsync(a => a.ResponseId == id || a.ResponseId == goodId));
    }

    [Fact]
    public void No_response_table_has_a_column_that_could_link_it_to_a_person_or_a_moment()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        string[] forbidden = ["user", "email", "mail", "ip", "agent", "invitation", "token", "created", "updated", "time", "name"];
        var responseTables = new[] { typeof(Leerrijk.Web.Features.Responses.SurveyResponse), typeof(Leerrijk.Web.Features.Responses.ResponseAnswer), typeof(Leerrijk.Web.Features.Responses.ResponseComment) };

        foreach (var type in responseTables)
        {
            var entity = db.Model.FindEntityType(type)!;
            foreach (var property in entity.GetProperties())
            {
                var column = property.Name.ToLowerInvariant();
                Assert.DoesNotContain(forbidden, f => column.Contains(f, StringComparison.Ordinal) && !(f == "time" && column == "submittedon"));
                Assert.False(
                    property.ClrType == typeof(DateTime) || property.ClrType == typeof(DateTime?) || property.ClrType == typeof(DateTimeOffset) || property.ClrType == typeof(DateTimeOffset?),
                    $"{entity.GetTableName()}.{property.Name} holds a time finer than a day");
            }

            Assert.DoesNotContain(entity.GetForeignKeys(), fk => fk.PrincipalEntityType.ClrType == typeof(Leerrijk.Web.Features.Account.ApplicationUser)
                || fk.PrincipalEntityType.ClrType == typeof(Leerrijk.Web.Features.Organisations.Invitation)
                || fk.PrincipalEntityType.ClrType == typeof(Leerrijk.Web.Features.PersonalInvitations.PersonalInvitation));
        }

        // A draft becomes a response with the same id, so it must not point at a person or an invitation either.
        var draft = db.Model.FindEntityType(typeof(Leerrijk.Web.Features.Answering.ResponseDraft))!;
        Assert.Equal(["Round"], draft.GetForeignKeys().Select(fk => fk.PrincipalEntityType.ClrType.Name).ToArray());
        Assert.DoesNotContain(draft.GetProperties(), p => forbidden.Any(f => f != "updated" && p.Name.Contains(f, StringComparison.OrdinalIgnoreCase)));

        // And the other way round: a personal invitation holds nothing that points at a draft or a response, and no
        // time finer than the day that could be set beside a response's day.
        var invitation = db.Model.FindEntityType(typeof(Leerrijk.Web.Features.PersonalInvitations.PersonalInvitation))!;
        Assert.Equal(["Round"], invitation.GetForeignKeys().Select(fk => fk.PrincipalEntityType.ClrType.Name).ToArray());
        Assert.All(invitation.GetProperties(), p =>
        {
            Assert.DoesNotContain("response", p.Name, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("draft", p.Name, StringComparison.OrdinalIgnoreCase);
            Assert.False(p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?) || p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?), $"{p.Name} holds a time");
        });
        Assert.DoesNotContain(invitation.GetProperties(), p => p.Name == "UsedOn");
    }

    [Fact]
    public async Task The_api_is_described_in_the_served_openapi_document()
    {
        var document = await Client().GetFromJsonAsync<JsonElement>("/api/openapi/v1.json");

        var operation = document.GetProperty("paths").GetProperty("/api/v1/s/{code}/responses").GetProperty("post");
        Assert.Equal("SubmitResponse", operation.GetProperty("operationId").GetString());
        foreach (var status in new[] { "201", "200", "400", "404", "409", "410" })
        {
            Assert.True(operation.GetProperty("responses").TryGetProperty(status, out _), $"status {status} is documented");
        }

        var report = document.GetProperty("paths").GetProperty("/api/v1/rounds/{id}/report").GetProperty("get");
        Assert.Equal("GetRoundReport", report.GetProperty("operationId").GetString());
        foreach (var status in new[] { "200", "401", "404" })
        {
            Assert.True(report.GetProperty("responses").TryGetProperty(status, out _), $"report status {status} is documented");
        }
    }
}
