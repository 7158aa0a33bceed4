using System.Net;
using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.ActionPlan;

/// <summary>An action step's title, owner (a person's name) and note refuse the characters comments refuse (StorableText).</summary>
public sealed class NameInputTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Theory]
    [InlineData("Input.Title", "Meelopen\u202Enepoleem")]
    [InlineData("Input.Owner", "Petra\u0007")]
    [InlineData("Input.Owner", "Petra\u2067 (werkplaats)")]
    [InlineData("Input.Note", "Eerste keer\uFFFF ging goed.")]
    public async Task A_step_with_such_a_character_is_refused_and_nothing_is_stored(string field, string value)
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var client = await app.LoggedInClientAsync(owner.Email!);
        var plan = $"/o/{organisation.Id}/plan";
        var form = new Dictionary<string, string> { ["Input.Title"] = "Meelopen", ["Input.Owner"] = "Petra", ["Input.Status"] = "Planned" };
        form[field] = value;

        var response = await client.PostFormAsync($"{plan}?handler=Create", form, plan);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("teken dat we niet kunnen opslaan", await response.TextAsync(), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().ActionSteps.IgnoreQueryFilters().CountAsync(s => s.OrganisationId == organisation.Id));
    }

    [Fact]
    public async Task The_same_step_without_such_characters_is_stored()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var client = await app.LoggedInClientAsync(owner.Email!);
        var plan = $"/o/{organisation.Id}/plan";

        var response = await client.PostFormAsync($"{plan}?handler=Create", new() { ["Input.Title"] = "Meelopen", ["Input.Owner"] = "Petra", ["Input.Status"] = "Planned", ["Input.Note"] = "Regel 1\r\nRegel 2" }, plan);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var scope = app.Services.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().ActionSteps.IgnoreQueryFilters().CountAsync(s => s.OrganisationId == organisation.Id));
    }
}
