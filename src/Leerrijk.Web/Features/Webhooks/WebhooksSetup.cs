using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Leerrijk.Web.Features.Webhooks;

/// <summary>Registers webhooks: the address rule, secrets, the HTTP client that obeys the rule on every connection, the worker and the pages.</summary>
public static class WebhooksSetup
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidation>();
        services.AddSingleton<WebhookAddressRule>();
        services.AddSingleton<WebhookSecrets>();
        services.AddScoped<WebhookMails>();

        // No proxy (it would make the connect check see the proxy's address), no redirects (a receiver cannot send
        // Leerrijk on to another address), no cookies; every connection passes WebhookAddressRule.ConnectAsync. The
        // factory's request logging is removed: receivers' addresses may carry tokens in their query.
        services.AddHttpClient(WebhookWorker.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<WebhookAddressRule>().ConnectAsync,
                UseProxy = false,
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            .RemoveAllLoggers();

        services.AddSingleton<WebhookWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookWorker>());
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Webhooks");
            o.Conventions.AllowAnonymousToPage("/Webhooks/Guide");
        });
        return services;
    }
}
