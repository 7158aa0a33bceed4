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

    public static async Task<string> GetHtmlAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    public static async Task<string> TextAsync(this HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
