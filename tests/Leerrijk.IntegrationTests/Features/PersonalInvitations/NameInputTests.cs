using System.Net;
using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.PersonalInvitations;

/// <summary>Pasted addresses (often with names: "Jan de Vries &lt;jan@…&gt;") refuse the characters comments refuse (StorableText).</summary>
public sealed class NameInputTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Theory]
    [InlineData("Jan de Vries\u202E <jan@example.test>")]
    [InlineData("Jan\u0007 <jan@example.test>")]
    [InlineData("jan@example.test\uFFFE")]
    public async Task A_pasted_list_with_such_a_character_is_refused_and_nobody_is_invited(string line)
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        var round = await app.CreateRoundAsync(organisation.Id, owner.Id);
        var client = await app.LoggedInClientAsync(owner.Email!);
        var manage = $"/o/{organisation.Id}/rounds/{round.Id}/invitations";

        var response = await client.PostFormAsync($"{manage}?handler=Invite", new() { ["Addresses"] = $"piet@example.test\n{line}" }, manage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("teken dat we niet kunnen opslaan", await response.TextAsync(), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().PersonalInvitations.IgnoreQueryFilters().CountAsync(i => i.RoundId == round.Id));
    }
}
