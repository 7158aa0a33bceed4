using System.Net;
using System.Net.Sockets;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Webhooks;

/// <summary>
/// With private addresses not allowed (as outside development and tests), webhook addresses inside Leerrijk's own
/// network are refused with the reason when subscribing, and again when connecting.
/// </summary>
public sealed class WebhookAddressTests(StrictWebhookApp app) : IClassFixture<StrictWebhookApp>
{
    public static TheoryData<string, string> Refused => new()
    {
        { "https://127.0.0.1/hook", "Dit adres wijst naar een intern of privé netwerk (127.0.0.1)." },
        { "https://10.0.0.1/hook", "Dit adres wijst naar een intern of privé netwerk (10.0.0.1)." },
        { "https://169.254.169.254/latest/meta-data", "Dit adres wijst naar een intern of privé netwerk (169.254.169.254)." },
        { "https://[::1]/hook", "Dit adres wijst naar een intern of privé netwerk (::1)." },
        { "https://[::ffff:192.168.1.10]/hook", "Dit adres wijst naar een intern of privé netwerk (::ffff:192.168.1.10)." },
        { "https://localhost/hook", "Dit adres wijst naar een intern of privé netwerk" },
        { "http://example.com/hook", "Het adres moet beginnen met https://" },
        { "ftp://example.com/hook", "Vul een volledig webadres in" },
        { "https://gebruiker:geheim@example.com/hook", "Zet geen gebruikersnaam of wachtwoord in het adres." },
        { "https://bestaat-niet.invalid/hook", "We kunnen de naam in dit adres niet vinden." },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task An_address_that_is_not_public_https_is_refused_with_the_reason(string url, string reason)
    {
        var (organisation, owner) = await app.OrganisationWithOwnerAsync();
        var page = $"/o/{organisation.Id}/webhooks";

        var response = await owner.PostFormFieldsAsync(page + "?handler=Add", [("Input.Url", url), ("Input.Events", WebhookEventTypes.RoundClosed)], page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(reason, await response.TextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("lrwh_", await response.TextAsync(), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().WebhookSubscriptions.AnyAsync(s => s.OrganisationId == organisation.Id));
    }

    [Fact]
    public async Task Without_an_event_chosen_the_page_asks_for_one()
    {
        var (organisation, owner) = await app.OrganisationWithOwnerAsync();
        var page = $"/o/{organisation.Id}/webhooks";
        var response = await owner.PostFormFieldsAsync(page + "?handler=Add", [("Input.Url", "https://example.com/hook")], page);
        Assert.Contains("Kies minstens één gebeurtenis.", await response.TextAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A subscription that slipped past the first check (stored before, or a name that now resolves inside) is refused
    /// by the connect callback: the listener on 127.0.0.1 never even sees a connection, and the log says why.
    /// </summary>
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task The_connection_itself_is_refused_when_the_address_is_not_public(string host)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"https://{host}:{((IPEndPoint)listener.LocalEndpoint).Port}/hook";
        var (organisation, _) = await app.OrganisationWithOwnerAsync();
        Guid subscriptionId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            var subscription = new WebhookSubscription
            {
                OrganisationId = organisation.Id,
                Url = url,
                Events = [WebhookEventTypes.RoundClosed],
                ProtectedSecret = scope.ServiceProvider.GetRequiredService<WebhookSecrets>().Protect(WebhookSecrets.NewSecret()),
            };
            db.WebhookSubscriptions.Add(subscription);
            var round = await app.CreateRoundAsync(organisation.Id, Guid.NewGuid());
            WebhookOutbox.RoundClosed(db, round, DateTime.UtcNow);
            await db.SaveChangesAsync();
            subscriptionId = subscription.Id;
        }

        await app.Services.GetRequiredService<WebhookWorker>().RunDueAsync();

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            var delivery = await db.WebhookDeliveries.SingleAsync(d => d.SubscriptionId == subscriptionId);
            var attempt = await db.WebhookAttempts.SingleAsync(a => a.DeliveryId == delivery.Id);
            Assert.Equal(WebhookAttemptOutcome.AddressRefused, attempt.Outcome);
            Assert.Contains("which is not a public internet address", attempt.Error, StringComparison.Ordinal);
            Assert.Equal(WebhookDeliveryStatus.GaveUp, delivery.Status);
        }

        Assert.False(listener.Pending(), "Something connected to the listener on 127.0.0.1.");
    }
}
