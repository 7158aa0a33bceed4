using System.Text;

namespace Leerrijk.FaultTests.Harness;

/// <summary>Generated bad input: the values and bodies that broke other survey tools, and random ones.</summary>
public static class Nasty
{
    private static readonly string[] Known =
    [
        "", " ", "\0", "a\0b", "%00", "\uFEFF", "\u202E", "\uFFFF", "\uD800", "\uDC00x", "ä€𝄞", "🙂🙂🙂",
        "<script>alert(1)</script>", "\"><svg onload=alert(1)>", "javascript:alert(1)", "<xmp><script>x</script>",
        "' OR '1'='1", "1; DROP TABLE \"Responses\"; --", "../../../../etc/passwd", "..\\..\\windows", "%2e%2e%2f",
        "=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", "\t=1", "0", "-0", "1e400", "NaN", "Infinity", "-2147483649",
        "2147483648", "99999999999999999999", "0x10", "1.5", "null", "true", "[]", "{}", "\r\n\r\n", "\\", "\"",
        "{{7*7}}", "${7*7}", "<%= 7*7 %>", "\u0001\u0002\u0003", "employee", "Employee", "manager", "works-council",
        "dk", "1", "2", "3", "4", "5", "6",
    ];

    public static string Value(Random random) => random.Next(10) switch
    {
        < 5 => Known[random.Next(Known.Length)],
        5 => new string((char)random.Next(32, 0xD7FF), random.Next(1, 64)),
        6 => RandomText(random, random.Next(1, 200)),
        7 => new string('x', random.Next(4_000, 4_100)),
        8 => random.Next(20) == 0 ? new string('y', random.Next(200_000, 1_500_000)) : RandomText(random, random.Next(500, 5_000)),
        _ => random.Next(-1000, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string RandomText(Random random, int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(4) == 0 ? (char)random.Next(0, 0xFFFF) : (char)random.Next(32, 127));
        }

        return text.ToString();
    }

    /// <summary>A path segment: a nasty value, URL-encoded so it reaches the app.</summary>
    public static string Segment(Random random) => Uri.EscapeDataString(Value(random) is { Length: > 0 and < 2000 } v ? v : "x");

    /// <summary>Bytes that are not valid UTF-8, or valid UTF-8 with NULs.</summary>
    public static byte[] BadBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 300)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A JSON body for the responses endpoint, broken in one of many ways, starting from a valid one.</summary>
    public static HttpContent JsonBody(Random random, out bool mayBeValid)
    {
        var valid = Respondents.Next(random).Json;
        mayBeValid = false;
        string text;
        switch (random.Next(16))
        {
            case 0: text = valid[..random.Next(valid.Length)]; break;
            case 1: return new ByteArrayContent(BadBytes(random)) { Headers = { ContentType = new("application/json") } };
            case 2: text = valid.Replace("\"nl\"", "\"n\\u0000l\"", StringComparison.Ordinal); break;
            case 3: text = valid.Replace("\"answers\":{", "\"answers\":{\"" + Value(random).Replace("\"", "", StringComparison.Ordinal) + "\":3,", StringComparison.Ordinal); break;
            case 4: text = valid.Replace(":3", ":" + Known[random.Next(27, 40)], StringComparison.Ordinal); break;
            case 5: text = valid.Replace(":4", ":\"" + Value(random).Replace("\"", "", StringComparison.Ordinal).Replace("\\", "", StringComparison.Ordinal) + "\"", StringComparison.Ordinal); break;
            case 6: text = new string('[', random.Next(10, 5000)); break;
            case 7: text = valid.Replace("\"role\":\"", "\"role\":\"" + Value(random).Replace("\"", "", StringComparison.Ordinal).Replace("\\", "", StringComparison.Ordinal), StringComparison.Ordinal); break;
            case 8: text = valid.Replace("\"id\":\"", "\"id\":\"" + random.Next(100), StringComparison.Ordinal); break;
            case 9: text = "{\"id\":\"" + Guid.NewGuid() + "\",\"answers\":" + Known[random.Next(Known.Length)].Replace("\"", "", StringComparison.Ordinal) + "}"; break;
            case 10: text = valid.Insert(1, "\"open\":{\"x\":\"" + new string('z', random.Next(3_990, 5_000)) + "\"},"); break;
            case 11: text = valid.Replace("\"department\":\"", "\"department\":" + (random.Next(2) == 0 ? "123,\"x\":\"" : "null,\"y\":\""), StringComparison.Ordinal); break;
            case 12: text = valid + valid; break;
            case 13: text = Value(random); break;
            case 14: return new StringContent(valid, Encoding.UTF8, random.Next(2) == 0 ? "text/plain" : "application/x-www-form-urlencoded");
            default: text = valid; mayBeValid = true; break;
        }

        return new StringContent(text, Encoding.UTF8, "application/json");
    }
}
