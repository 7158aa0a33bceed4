using System.Net;
using System.Text.RegularExpressions;

namespace Leerrijk.TestSupport;

/// <summary>Posts forms the way a browser without JavaScript does: fetch the page, take its antiforgery token, submit.</summary>
public static partial class Forms
{
    public static Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string url, Dictionary<string, string> fields, string? formPageUrl = null) =>
        client.PostFormFieldsAsync(url, fields.Select(f => (f.Key, f.Value)), formPageUrl);

    /// <summary>Like <see cref="PostFormAsync"/>, for forms that send a name more than once (a group of checkboxes).</summary>
    public static async Task<HttpResponseMessage> PostFormFieldsAsync(
        this HttpClient client, string url, IEnumerable<(string Name, string Value)> fields, string? formPageUrl = null)
    {
        var token = await GetAntiforgeryTokenAsync(client, formPageUrl ?? url);
        var all = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token));
        return await client.PostAsync(url, new FormUrlEncodedContent(all));
    }

    public static async Task<string> GetAntiforgeryTokenAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} returned {(int)response.StatusCode}, so there is no form to post.");
        }

        var html = await response.Content.ReadAsStringAsync();
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {url}.");
    }

    /// <summary>
    /// Posts a form with the antiforgery token of a page loaded earlier, as a browser does when someone submits a page
    /// they opened a while ago: for tests where two people load the same page before either of them saves.
    /// </summary>
    public static Task<HttpResponseMessage> PostLoadedFormAsync(this HttpClient client, string url, string loadedHtml, Dictionary<string, string> fields)
    {
        var match = TokenPattern().Match(loadedHtml);
        if (!match.Success)
        {
            throw new InvalidOperationException("The loaded page has no antiforgery token.");
        }

        fields = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(match.Groups[1].Value) };
        return client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    public static async Task<string> GetHtmlAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Whether the app refused as 403 does for people: a redirect to the access-denied page.</summary>
    public static bool IsAccessDenied(this HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location is { } location
        && new Uri(new Uri("http://localhost"), location).AbsolutePath == "/Account/AccessDenied";

    public static async Task<string> TextAsync(this HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
