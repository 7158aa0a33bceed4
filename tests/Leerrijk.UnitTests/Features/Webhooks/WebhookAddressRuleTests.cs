using System.Net;
using System.Net.Sockets;
using Leerrijk.Web.Features.Webhooks;
using Microsoft.Extensions.Options;

namespace Leerrijk.UnitTests.Features.Webhooks;

/// <summary>The SSRF rule attacked with every way of writing an address inside a network, in IPv4 and IPv6.</summary>
public sealed class WebhookAddressRuleTests
{
    public static TheoryData<string> NotPublic => new()
    {
        "0.0.0.0", "0.1.2.3", "127.0.0.1", "127.255.255.254", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255",
        "192.168.0.1", "192.168.255.255", "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.254", "192.0.0.170",
        "198.18.0.1", "198.19.255.255", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
        "::", "::1", "fc00::1", "fd12:3456:789a::1", "fe80::1", "febf::1", "fec0::1", "ff02::1", "2001:db8::1",
        "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:192.168.1.1", "::ffff:100.64.0.1", "::ffff:0.0.0.0",
        "::127.0.0.1", "::10.0.0.1", "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1", "2002:7f00:1::1", "2002:a00:1::1",
    };

    public static TheoryData<string> Public => new()
    {
        "1.1.1.1", "8.8.8.8", "93.184.216.34", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "169.253.1.1",
        "192.167.1.1", "192.169.1.1", "198.17.0.1", "198.20.0.1", "223.255.255.255", "11.0.0.1",
        "2606:4700:4700::1111", "2a00:1450:4001:82b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1",
    };

    [Theory]
    [MemberData(nameof(NotPublic))]
    public void An_address_inside_a_network_is_not_public(string address) => Assert.False(WebhookAddressRule.IsPublic(IPAddress.Parse(address)), address);

    [Theory]
    [MemberData(nameof(Public))]
    public void An_address_on_the_internet_is_public(string address) => Assert.True(WebhookAddressRule.IsPublic(IPAddress.Parse(address)), address);

    private static WebhookAddressRule Rule(bool allowPrivate = false) => new(Options.Create(new WebhookOptions { AllowPrivateAddresses = allowPrivate }));

    [Theory]
    [InlineData("https://127.0.0.1/hook", AddressVerdict.PrivateAddress)]
    [InlineData("https://[::ffff:10.1.2.3]:8443/hook", AddressVerdict.PrivateAddress)]
    [InlineData("https://localhost/hook", AddressVerdict.PrivateAddress)]
    [InlineData("https://8.8.8.8/hook", AddressVerdict.Allowed)]
    [InlineData("http://8.8.8.8/hook", AddressVerdict.NotHttps)]
    [InlineData("https://user:pw@8.8.8.8/hook", AddressVerdict.HasCredentials)]
    [InlineData("file:///etc/passwd", AddressVerdict.NotAUrl)]
    [InlineData("/relative", AddressVerdict.NotAUrl)]
    [InlineData("", AddressVerdict.NotAUrl)]
    public async Task Subscribing_checks_scheme_form_and_every_resolved_address(string url, AddressVerdict verdict) =>
        Assert.Equal(verdict, (await Rule().CheckAsync(url, CancellationToken.None)).Verdict);

    [Fact]
    public async Task Development_and_tests_may_allow_http_on_loopback()
    {
        Assert.Equal(AddressVerdict.Allowed, (await Rule(allowPrivate: true).CheckAsync("http://127.0.0.1:5000/hook", CancellationToken.None)).Verdict);
        Assert.Equal(AddressVerdict.NotAUrl, (await Rule(allowPrivate: true).CheckAsync("ftp://127.0.0.1/", CancellationToken.None)).Verdict);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::1]")]
    public async Task The_connect_callback_refuses_before_connecting(string host)
    {
        using var listener = new TcpListener(IPAddress.IPv6Any, 0) { Server = { DualMode = true } };
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var handler = new SocketsHttpHandler { ConnectCallback = Rule().ConnectAsync, UseProxy = false };
        using var client = new HttpClient(handler);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"http://{host}:{port}/")));

        Assert.IsType<WebhookAddressRefusedException>(error.InnerException);
        Assert.False(listener.Pending(), $"{host}: something connected to the listener.");
    }

    [Fact]
    public void The_signature_is_hex_hmac_sha256_of_time_dot_body_keyed_with_the_secrets_text()
    {
        // Known answer, computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'lrwh_test'
        var signature = WebhookSecrets.Signature("lrwh_test", 1_700_000_000, "{\"a\":1}"u8);
        Assert.Equal("t=1700000000,v1=" + Expected, signature);
        Assert.Matches("^lrwh_[0-9a-f]{64}$", WebhookSecrets.NewSecret());
        Assert.NotEqual(WebhookSecrets.NewSecret(), WebhookSecrets.NewSecret());
    }

    private const string Expected = "3c00c985becbab90830e57a9e3f8619b796a96d9c2e15b669e63392c112ceeff";

    [Fact]
    public void The_default_backoff_waits_one_minute_then_five_then_thirty_then_two_hours_then_twelve()
    {
        var options = new WebhookOptions();
        Assert.Equal(
            [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(12), TimeSpan.FromHours(12)],
            Enumerable.Range(1, 6).Select(options.BackoffAfter));
        Assert.Equal(6, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Timeout);
        Assert.False(options.AllowPrivateAddresses);
    }

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Staging", false)]
    [InlineData("Development", true)]
    [InlineData("Testing", true)]
    public void Private_addresses_can_be_allowed_only_in_development_and_tests(string environment, bool allowed)
    {
        var validation = new WebhookOptionsValidation(new Environment(environment));
        Assert.Equal(allowed, validation.Validate(null, new WebhookOptions { AllowPrivateAddresses = true }).Succeeded);
        Assert.True(validation.Validate(null, new WebhookOptions()).Succeeded);
    }

    private sealed class Environment(string name) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Leerrijk";

        public string ContentRootPath { get; set; } = "";

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }

    [Theory]
    [InlineData(WebhookAttemptOutcome.Timeout, null, true)]
    [InlineData(WebhookAttemptOutcome.ConnectionFailed, null, true)]
    [InlineData(WebhookAttemptOutcome.HttpError, 500, true)]
    [InlineData(WebhookAttemptOutcome.HttpError, 503, true)]
    [InlineData(WebhookAttemptOutcome.HttpError, 408, true)]
    [InlineData(WebhookAttemptOutcome.HttpError, 429, true)]
    [InlineData(WebhookAttemptOutcome.HttpError, 400, false)]
    [InlineData(WebhookAttemptOutcome.HttpError, 401, false)]
    [InlineData(WebhookAttemptOutcome.HttpError, 404, false)]
    [InlineData(WebhookAttemptOutcome.HttpError, 410, false)]
    [InlineData(WebhookAttemptOutcome.HttpError, 301, false)]
    [InlineData(WebhookAttemptOutcome.AddressRefused, null, false)]
    public void Passing_failures_are_retried_and_refusals_are_not(WebhookAttemptOutcome outcome, int? status, bool retried) =>
        Assert.Equal(retried, WebhookWorker.ShouldRetry(new AttemptResult(DateTime.UnixEpoch, outcome, status, 0, null)));
}
