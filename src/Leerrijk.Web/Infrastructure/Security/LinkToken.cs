using System.Security.Cryptography;
using System.Text;

namespace Leerrijk.Web.Infrastructure.Security;

/// <summary>
/// The secret in an e-mailed link that works once (an invitation, a request to connect, a programme invitation). Only
/// <see cref="Hash"/> of it is stored, so a copy of the database cannot be used to follow a link.
/// </summary>
public static class LinkToken
{
    /// <summary>Creates a 256-bit token, URL-safe without padding.</summary>
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The stored form of a token: SHA-256 as 64 hex digits.</summary>
    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
