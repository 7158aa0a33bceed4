using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Leerrijk.Web.Features.Webhooks;

/// <summary>
/// The rule that keeps webhooks from reaching inside Leerrijk's own network (SSRF): only https, and only hosts whose
/// every address is on the public internet. Checked when a subscription is made and again on every connection, on the
/// address actually connected to, so a name that later resolves somewhere else (DNS rebinding) is refused too.
/// </summary>
public sealed class WebhookAddressRule(IOptions<WebhookOptions> options)
{
    private bool AllowPrivate => options.Value.AllowPrivateAddresses;

    /// <summary>Checks an address a subscriber typed: its form, its scheme, and every address its host resolves to.</summary>
    public async Task<AddressCheck> CheckAsync(string? url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
        {
            return new(AddressVerdict.NotAUrl);
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !AllowPrivate)
        {
            return new(AddressVerdict.NotHttps);
        }

        if (uri.UserInfo.Length > 0)
        {
            // A password in the address would be shown in the list and the log; receivers check the signature instead.
            return new(AddressVerdict.HasCredentials);
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return new(AddressVerdict.UnknownHost);
        }

        if (addresses.Length == 0)
        {
            return new(AddressVerdict.UnknownHost);
        }

        return !AllowPrivate && addresses.FirstOrDefault(a => !IsPublic(a)) is { } refused
            ? new(AddressVerdict.PrivateAddress, refused)
            : new(AddressVerdict.Allowed);
    }

    /// <summary>
    /// The connect callback of the webhook <see cref="SocketsHttpHandler"/>: resolves the host itself, refuses when any
    /// of its addresses is not public, connects, and checks the address the socket really reached.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var addresses = await ResolveAsync(host, cancellationToken);
        if (!AllowPrivate && addresses.FirstOrDefault(a => !IsPublic(a)) is { } refused)
        {
            throw new WebhookAddressRefusedException($"{host} resolves to {refused}, which is not a public internet address");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            if (!AllowPrivate && socket.RemoteEndPoint is IPEndPoint connected && !IsPublic(connected.Address))
            {
                throw new WebhookAddressRefusedException($"{host} connected to {connected.Address}, which is not a public internet address");
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);

    /// <summary>
    /// Whether an address is on the public internet: not this machine, not a private, shared (CGNAT), link-local
    /// (cloud metadata at 169.254.169.254), unspecified, multicast or reserved range, in IPv4 or IPv6, also when an
    /// IPv4 address is written inside an IPv6 one (mapped, compatible, NAT64, 6to4).
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsPublicV4(address.GetAddressBytes());
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublicV4(address.MapToIPv4().GetAddressBytes());
        }

        var b = address.GetAddressBytes();
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d: none is a public destination.
            return false;
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublicV4(b[12..16]); // NAT64 64:ff9b::/96 reaches the IPv4 address inside it
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublicV4(b[2..6]); // 6to4 2002::/16 carries an IPv4 address
        }

        return !(
            (b[0] & 0xfe) == 0xfc // unique local fc00::/7
            || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) // link-local fe80::/10
            || (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) // old site-local fec0::/10
            || b[0] == 0xff // multicast ff00::/8
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)); // documentation 2001:db8::/32
    }

    private static bool IsPublicV4(ReadOnlySpan<byte> b) => !(
        b[0] == 0 // "this network" 0.0.0.0/8, the unspecified address included
        || b[0] == 10 // private 10/8
        || b[0] == 127 // loopback 127/8
        || (b[0] == 100 && (b[1] & 0xc0) == 64) // shared address space (CGNAT) 100.64/10
        || (b[0] == 169 && b[1] == 254) // link-local 169.254/16, cloud metadata included
        || (b[0] == 172 && (b[1] & 0xf0) == 16) // private 172.16/12
        || (b[0] == 192 && b[1] == 0 && b[2] == 0) // IETF protocol assignments 192.0.0/24
        || (b[0] == 192 && b[1] == 168) // private 192.168/16
        || (b[0] == 198 && (b[1] & 0xfe) == 18) // benchmarking 198.18/15
        || b[0] >= 224); // multicast 224/4, reserved 240/4 and broadcast
}

/// <summary>What <see cref="WebhookAddressRule.CheckAsync"/> found; <see cref="Address"/> is the refused address.</summary>
public sealed record AddressCheck(AddressVerdict Verdict, IPAddress? Address = null);

public enum AddressVerdict
{
    Allowed,
    NotAUrl,
    NotHttps,
    HasCredentials,
    UnknownHost,
    PrivateAddress,
}

/// <summary>Thrown by the connect callback when a webhook host turns out not to be on the public internet.</summary>
public sealed class WebhookAddressRefusedException(string message) : IOException(message);
