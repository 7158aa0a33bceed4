using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Leerrijk.Web.Features.Account;

/// <summary>Identity tokens contain characters that break in URLs; they travel base64url-encoded.</summary>
public static class TokenEncoding
{
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>Returns null for a mangled code, which the pages treat like an expired link.</summary>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
