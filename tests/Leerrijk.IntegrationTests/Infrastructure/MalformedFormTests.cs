using System.Net;
using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Infrastructure;

/// <summary>Inputs the fuzzing run (tests/Leerrijk.FaultTests) turned into 500s, kept here as fast regressions.</summary>
public sealed class MalformedFormTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    [Theory]
    [InlineData("xyz")]
    [InlineData("1")]
    [InlineData("<script>")]
    public async Task A_checkbox_with_a_value_that_is_not_yes_or_no_gives_the_form_back_with_a_field_error(string value)
    {
        var client = app.CreateBrowserClient();

        var response = await client.PostFormAsync("/Account/Login", new()
        {
            ["Input.Email"] = "iemand@example.test",
            ["Input.Password"] = "een-wachtwoord-dat-niet-klopt",
            ["Input.RememberMe"] = value,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        Assert.Contains("name=\"Input.RememberMe\"", html, StringComparison.Ordinal);
        Assert.Contains("field-error", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a[")]
    [InlineData("Input[Email")]
    [InlineData("]]][[")]
    public async Task A_field_name_with_unbalanced_brackets_is_ignored_not_a_500(string name)
    {
        var client = app.CreateBrowserClient();

        var response = await client.PostFormAsync("/Account/Login", new()
        {
            ["Input.Email"] = "iemand@example.test",
            ["Input.Password"] = "een-wachtwoord-dat-niet-klopt",
            [name] = "x",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Input.Name", "Bakkerij\0 BV")]
    [InlineData("Input.KvkNumber", "1234\05678")]
    [InlineData("ergens", "\0")]
    public async Task A_nul_in_any_form_field_is_named_as_the_problem_and_nothing_is_stored(string field, string value)
    {
        var user = await app.CreateUserAsync();
        var client = await app.LoggedInClientAsync(user.Email!);
        var form = new Dictionary<string, string>
        {
            ["Input.Name"] = "Bakkerij Nul BV",
            ["Input.SbiSection"] = "C",
            ["Input.SizeClass"] = "Micro",
            ["Input.ProvinceId"] = "zeeland",
            ["Input.LabourMarketRegionId"] = "zeeland",
        };
        form[field] = value;

        var response = await client.PostFormAsync("/organisations/new", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.TextAsync();
        Assert.Contains("<h1>Er stond een teken in het formulier dat we niet kunnen opslaan</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Er is niets opgeslagen", html, StringComparison.Ordinal);
        Assert.DoesNotContain("te lang openstond", html, StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().Memberships.IgnoreQueryFilters().AnyAsync(m => m.UserId == user.Id));
    }

    [Fact]
    public async Task A_nul_in_a_form_is_named_in_english_for_an_english_reader()
    {
        var client = app.CreateBrowserClient();
        await client.PostFormAsync("/language", new() { ["lang"] = "en", ["returnUrl"] = "/" }, "/");

        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = "a\0@example.test", ["Input.Password"] = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form contained a character we cannot store", await response.TextAsync(), StringComparison.Ordinal);
    }
}
