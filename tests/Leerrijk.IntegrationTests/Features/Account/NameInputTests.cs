using System.Net;
using Leerrijk.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Account;

/// <summary>A person's name refuses the characters comments refuse (StorableText), and no account is made.</summary>
public sealed class NameInputTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Theory]
    [InlineData("Sanne\u202Ehtims")]
    [InlineData("Sanne\u0007 Smit")]
    [InlineData("Sanne Smit\uFFFF")]
    [InlineData("Sanne\u2066 Smit")]
    public async Task Registering_with_such_a_name_is_refused(string name)
    {
        var email = $"naam-{Guid.NewGuid():N}@example.test";
        var client = app.CreateBrowserClient();

        var response = await client.PostFormAsync("/Account/Register", new()
        {
            ["Input.Name"] = name,
            ["Input.Email"] = email,
            ["Input.Password"] = LeerrijkAppFactory.Password,
            ["Input.ConfirmPassword"] = LeerrijkAppFactory.Password,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("teken dat we niet kunnen opslaan", await response.TextAsync(), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email));
    }
}
