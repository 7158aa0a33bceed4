using System.Diagnostics;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Leerrijk.FaultTests.Harness;

/// <summary>A page as a browser without JavaScript receives it, parsed on demand.</summary>
public sealed class Page(HttpStatusCode status, Uri url, string html, HttpResponseMessage response)
{
    private static readonly HtmlParser Parser = new();
    private IHtmlDocument? _document;

    public HttpStatusCode Status { get; } = status;

    public Uri Url { get; } = url;

    public string Html { get; } = html;

    /// <summary>Headers of the last response, redirects followed.</summary>
    public HttpResponseMessage Response { get; } = response;

    public IHtmlDocument Document => _document ??= Parser.ParseDocument(Html);

    /// <summary>The page's own form: the one post form that sends to the page itself (not the language switch or log-out).</summary>
    public IHtmlFormElement Form =>
        PostForms.SingleOrDefault(f => string.IsNullOrEmpty(f.GetAttribute("action")))
        ?? throw new InvalidOperationException($"{Url} ({(int)Status}) has no form of its own.");

    public IEnumerable<IHtmlFormElement> PostForms =>
        Document.Forms.Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// One person's browser without JavaScript: keeps its cookies, follows redirects, fills and sends forms the way
/// the HTML says, antiforgery token included (or, when asked, left out). Many browsers share one connection pool.
/// </summary>
public sealed class Browser(HttpClient client)
{
    // Thread-safe: the fuzzing check sends from one browser on several threads at once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public static HttpClient CreateClient(Uri baseAddress, int connections = 256) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    public string Language { get; set; } = "nl";

    /// <summary>Told of every request: its status and time in milliseconds (each redirect separately).</summary>
    public Action<HttpStatusCode, double>? Observe { get; set; }

    public Task<Page> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>Sends the form as a browser would: its fields, the chosen button, and the values given.</summary>
    public Task<Page> SubmitAsync(Page page, IHtmlFormElement form, IReadOnlyDictionary<string, string>? values = null, string? button = null, bool withToken = true)
    {
        var fields = Fields(form);
        foreach (var (key, value) in values ?? new Dictionary<string, string>())
        {
            fields[key] = value;
        }

        if (!withToken)
        {
            fields.Remove("__RequestVerificationToken");
        }

        var submit = form.QuerySelectorAll<IHtmlButtonElement>("button[type=submit][name], button:not([type])[name]")
            .FirstOrDefault(b => button is null || b.Value == button);
        if (submit is not null)
        {
            fields[submit.Name!] = submit.Value;
        }

        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? page.Url.PathAndQuery : form.GetAttribute("action")!;
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(page.Url, action)) { Content = new FormUrlEncodedContent(fields) });
    }

    /// <summary>The fields a browser sends without anyone touching the form: values given, checked boxes, selected options.</summary>
    public static Dictionary<string, string> Fields(IHtmlFormElement form)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button" or "file"):
                    if (input.Type is not ("radio" or "checkbox") || input.IsChecked)
                    {
                        fields[input.Name!] = input.Value;
                    }

                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields[select.Name!] = select.Value ?? "";
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields[area.Name!] = area.Value;
                    break;
            }
        }

        return fields;
    }

    /// <summary>Every choice in the form picked at random: each radio group, each select (a non-empty option).</summary>
    public static Dictionary<string, string> RandomChoices(IHtmlFormElement form, Random random)
    {
        var choices = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "radio" && !string.IsNullOrEmpty(i.Name)).GroupBy(i => i.Name!))
        {
            var options = group.ToList();
            choices[group.Key] = options[random.Next(options.Count)].Value;
        }

        foreach (var select in form.Elements.OfType<IHtmlSelectElement>().Where(s => !string.IsNullOrEmpty(s.Name)))
        {
            var options = select.Options.Where(o => !string.IsNullOrEmpty(o.Value)).ToList();
            if (options.Count > 0)
            {
                choices[select.Name!] = options[random.Next(options.Count)].Value;
            }
        }

        return choices;
    }

    /// <summary>Posts any body with this browser's cookies and follows no redirect: for fuzzing.</summary>
    public Task<Page> PostRawAsync(string path, HttpContent content) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, redirects: 0);

    public async Task<Page> SendAsync(HttpRequestMessage request, int redirects = 5)
    {
        while (true)
        {
            request.Headers.AcceptLanguage.ParseAdd(Language);
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var clock = Stopwatch.StartNew();
            var response = await client.SendAsync(request);
            var html = await response.Content.ReadAsStringAsync();
            Observe?.Invoke(response.StatusCode, clock.Elapsed.TotalMilliseconds);
            Remember(response);
            var url = new Uri(client.BaseAddress!, request.RequestUri!);
            if ((int)response.StatusCode is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location && redirects-- > 0)
            {
                response.Dispose();
                request.Dispose();
                request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, location));
                continue;
            }

            request.Dispose();
            return new Page(response.StatusCode, url, html, response);
        }
    }

    private void Remember(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        foreach (var header in values)
        {
            var pair = header.Split(';', 2)[0];
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var name = pair[..equals].Trim();
            var value = pair[(equals + 1)..].Trim();
            var expired = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase) || header.Contains("max-age=0", StringComparison.OrdinalIgnoreCase);
            if (expired || value.Length == 0)
            {
                _cookies.TryRemove(name, out _);
            }
            else
            {
                _cookies[name] = value;
            }
        }
    }
}
