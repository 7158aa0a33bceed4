using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Leerrijk.Web.Features.Webhooks;

/// <summary>
/// Signing secrets: made from 32 random bytes, kept encrypted with ASP.NET Data Protection (keys in the database), and
/// the signature every delivery carries: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;body&gt;"&gt;</c>
/// with the secret's text as key (docs/webhooks.md shows how a receiver checks it).
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    public const string Prefix = "lrwh_";

    private readonly IDataProtector _protector = protection.CreateProtector("Leerrijk.Webhooks.SigningSecret.v1");

    /// <summary>A new secret as the subscriber sees it once: the prefix and 64 hex digits.</summary>
    public static string NewSecret() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);

    /// <summary>The <c>Leerrijk-Signature</c> header value for <paramref name="body"/> sent at <paramref name="unixSeconds"/>.</summary>
    public static string Signature(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var t = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var prefix = Encoding.UTF8.GetBytes(t + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}
