using System.Net;

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
}
