using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Infrastructure.Forms;

/// <summary>
/// The one rule for text a person types that Leerrijk stores and shows to others (names, titles, departments,
/// comments): no character that cannot be stored, cannot be seen, or changes how the text around it reads.
/// </summary>
/// <remarks>
/// Refused: control characters (a comment may keep its line breaks and tabs), the noncharacters U+FFFE, U+FFFF and
/// U+FDD0–U+FDEF, unpaired surrogates (PostgreSQL cannot store them), and the bidirectional embeddings, overrides and
/// isolates U+202A–U+202E and U+2066–U+2069, with which a name such as "Verkoop\u202Eteertsinimda" shows as something
/// it is not on a page, in a report or in a spreadsheet.
/// </remarks>
public static class StorableText
{
    /// <summary>Whether <paramref name="text"/> holds only characters Leerrijk stores and shows as typed.</summary>
    public static bool IsStorable(string? text, bool allowLineBreaks = false)
    {
        if (text is null)
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (IsNoncharacter(char.ConvertToUtf32(c, text[i + 1])))
                {
                    return false;
                }

                i++;
                continue;
            }

            if (!IsStorable(c, allowLineBreaks))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The text without the characters <see cref="IsStorable(string?, bool)"/> refuses: for output that must never carry them.</summary>
    public static string Strip(string text, bool allowLineBreaks = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsStorable(text, allowLineBreaks))
        {
            return text;
        }

        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (!IsNoncharacter(char.ConvertToUtf32(c, text[i + 1])))
                {
                    kept.Append(c).Append(text[i + 1]);
                }

                i++;
            }
            else if (IsStorable(c, allowLineBreaks))
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    private static bool IsStorable(char c, bool allowLineBreaks) =>
        !(char.IsSurrogate(c)
            || (char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'))
            || IsNoncharacter(c)
            || c is >= '\u202A' and <= '\u202E'
            || c is >= '\u2066' and <= '\u2069');

    private static bool IsNoncharacter(int codePoint) =>
        codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
}

/// <summary>
/// Refuses a form field with characters that <see cref="StorableText"/> does not store, with a message that says so.
/// Put it on every field where a person types a name or text others will see.
/// </summary>
/// <remarks>
/// The message is localized here, from the request's services: MVC localizes the messages of its own attributes
/// through adapters, and one adapter for this attribute would need a registration in Program.cs.
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class StorableTextAttribute : ValidationAttribute
{
    /// <summary>True for fields of several lines (departments one per line, notes, stories).</summary>
    public bool AllowLineBreaks { get; set; }

    public override bool IsValid(object? value) => value is not string text || StorableText.IsStorable(text, AllowLineBreaks);

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (IsValid(value))
        {
            return ValidationResult.Success;
        }

        var l = validationContext.GetService(typeof(IStringLocalizer<SharedResource>)) as IStringLocalizer;
        var message = l?["Input.Unstorable", validationContext.DisplayName].Value ?? FormatErrorMessage(validationContext.DisplayName);
        return new ValidationResult(message, validationContext.MemberName is { } member ? [member] : null);
    }
}
