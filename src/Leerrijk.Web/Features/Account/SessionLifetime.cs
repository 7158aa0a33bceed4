using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Leerrijk.Web.Features.Account;

/// <summary>
/// How long a log-in lasts: it ends after <see cref="Idle"/> without a request and <see cref="Absolute"/> after
/// signing in, however active the person is. Staff see many companies' figures, so an unattended browser must
/// not stay signed in for long.
/// </summary>
/// <remarks>
/// The cookie's own expiry cannot express both: sliding renewal would extend the absolute limit and fixed expiry
/// has no idle limit. So the sign-in moment and the last request are kept in the cookie's properties and checked
/// on every request; the cookie is re-issued at most once a minute to move "last seen" along.
/// </remarks>
public static class SessionLifetime
{
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);

    /// <summary>How often "last seen" is written back: often enough for the idle limit, rarely enough to not send a cookie with every answer.</summary>
    public static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    /// <summary>Query flag the log-in page reads to say why someone has to log in again.</summary>
    public const string EndedFlag = "sessie";

    private const string SignedInKey = "leerrijk.signedIn";
    private const string LastSeenKey = "leerrijk.lastSeen";
    private const string EndedItem = "leerrijk.sessionEnded";

    /// <summary>Notes the moment of signing in (a refresh of the same log-in keeps the first moment).</summary>
    public static Task OnSigningIn(CookieSigningInContext context)
    {
        var now = Now(context.HttpContext);
        context.Properties.Items.TryAdd(SignedInKey, Format(now));
        context.Properties.Items[LastSeenKey] = Format(now);
        return Task.CompletedTask;
    }

    /// <summary>Ends the log-in when it is too old or has been idle too long; otherwise moves "last seen" on.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var now = Now(context.HttpContext);
        var issued = context.Properties.IssuedUtc ?? now;
        var signedIn = Read(context.Properties, SignedInKey) ?? issued;
        var lastSeen = Read(context.Properties, LastSeenKey) ?? issued;

        if (now - signedIn >= Absolute || now - lastSeen >= Idle)
        {
            context.RejectPrincipal();
            context.HttpContext.Items[EndedItem] = true;
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return;
        }

        if (now - lastSeen >= TouchEvery)
        {
            context.Properties.Items[LastSeenKey] = Format(now);
            context.ShouldRenew = true;
        }
    }

    /// <summary>Adds the flag to the log-in address when the log-in just ended here, so the page can say why.</summary>
    public static void NoteEndedSession(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (context.HttpContext.Items.ContainsKey(EndedItem))
        {
            context.RedirectUri += (context.RedirectUri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + EndedFlag + "=true";
        }
    }

    private static DateTimeOffset Now(HttpContext context) =>
        (context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();

    private static string Format(DateTimeOffset moment) => moment.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset? Read(AuthenticationProperties properties, string key) =>
        properties.Items.TryGetValue(key, out var value) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
