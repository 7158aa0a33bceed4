using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Threading.RateLimiting;

namespace Leerrijk.Web.Infrastructure.Security;

/// <summary>Request budgets per minute. Configurable under <c>RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests one browser (or signed-in person) may make per minute.</summary>
    public int PerClientPerMinute { get; set; } = 300;

    /// <summary>Requests all browsers behind one IP address may make together per minute: sized for a canteen full of people behind one office router.</summary>
    public int PerAddressPerMinute { get; set; } = 6000;

    /// <summary>Log-in, registration and password-reset posts one browser may make per minute (guessing is also stopped by account lockout).</summary>
    public int AccountPostsPerClientPerMinute { get; set; } = 10;
}

/// <summary>
/// Rate limiting that answers 429 with Retry-After (not ASP.NET's default 503), keyed per browser first and per
/// address second, so sixty colleagues behind one office IP each get their own budget.
/// </summary>
public static class RateLimiting
{
    public const string AccountPolicy = "account";
    public const string ClientCookieName = "Leerrijk.Client";

    public static IServiceCollection AddLeerrijkRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : 60;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };

            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                // A browser without our cookie yet (its first request) is only held to the address budget:
                // sixty colleagues arriving at once behind one router must not share one browser's budget.
                PartitionedRateLimiter.Create<HttpContext, string>(context => ClientKey(context) is { } client
                    ? PerMinute(client, limits.PerClientPerMinute)
                    : RateLimitPartition.GetNoLimiter("new-browser")),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    PerMinute(AddressKey(context), limits.PerAddressPerMinute)));

            options.AddPolicy(AccountPolicy, context => HttpMethods.IsPost(context.Request.Method)
                ? PerMinute("account|" + (ClientKey(context) ?? AddressKey(context)), limits.AccountPostsPerClientPerMinute)
                : RateLimitPartition.GetNoLimiter("account|get"));
        });
        return services;
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    /// <summary>The browser or person a request comes from: user id when signed in, else the client cookie; null for a browser we have not met.</summary>
    public static string? ClientKey(HttpContext context)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is not null)
        {
            return "user:" + userId;
        }

        var client = context.Request.Cookies[ClientCookieName];
        return IsWellFormedClientId(client) ? "client:" + client : null;
    }

    public static string AddressKey(HttpContext context) =>
        "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static bool IsWellFormedClientId(string? value) =>
        value is { Length: 32 } && value.All(char.IsAsciiHexDigitLower);

    /// <summary>Gives each browser a random id (not linked to anyone) so rate limits can tell colleagues on one network apart.</summary>
    public static IApplicationBuilder UseClientIdCookie(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (!IsWellFormedClientId(context.Request.Cookies[ClientCookieName]))
        {
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Response.Cookies.Append(ClientCookieName, id, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(30),
            });
        }

        return next(context);
    });
}
