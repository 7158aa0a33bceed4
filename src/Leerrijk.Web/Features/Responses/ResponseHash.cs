using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Leerrijk.Web.Features.Responses;

/// <summary>
/// The content hash stored with every response, to tell an identical replay from a conflicting one: SHA-256 over a
/// canonical JSON form of everything submitted. The bytes must never change, or a replay of a response stored
/// earlier would be refused as a conflict (409). The form is what System.Text.Json's serializer wrote for an
/// anonymous object when responses were first stored (these property names in this order, answers and comments in
/// ordinal order, default escaping, no white space). It is written here directly, without the serializer's reflection
/// over anonymous objects: 4.9 instead of 6.9 µs and 3.9 instead of 8.9 KB allocated per teamscan response
/// (2026-12-06). ResponseHashTests holds the bytes to the serializer's.
/// </summary>
public static class ResponseHash
{
    // The property names, encoded once.
    private static readonly JsonEncodedText RoundId = JsonEncodedText.Encode("RoundId");
    private static readonly JsonEncodedText Language = JsonEncodedText.Encode("Language");
    private static readonly JsonEncodedText Role = JsonEncodedText.Encode("Role");
    private static readonly JsonEncodedText Department = JsonEncodedText.Encode("Department");
    private static readonly JsonEncodedText YearsEmployed = JsonEncodedText.Encode("YearsEmployed");
    private static readonly JsonEncodedText Answers = JsonEncodedText.Encode("Answers");
    private static readonly JsonEncodedText InstrumentId = JsonEncodedText.Encode("InstrumentId");
    private static readonly JsonEncodedText ItemId = JsonEncodedText.Encode("ItemId");
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("Value");
    private static readonly JsonEncodedText Comments = JsonEncodedText.Encode("Comments");
    private static readonly JsonEncodedText QuestionId = JsonEncodedText.Encode("QuestionId");
    private static readonly JsonEncodedText Text = JsonEncodedText.Encode("Text");

    public static string Of(SurveyResponse response)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString(RoundId, response.RoundId);
            json.WriteString(Language, response.Language);
            json.WriteString(Role, response.Role);
            json.WriteString(Department, response.Department);
            json.WriteString(YearsEmployed, response.YearsEmployed);

            json.WriteStartArray(Answers);
            foreach (var answer in response.Answers.OrderBy(a => a.InstrumentId, StringComparer.Ordinal).ThenBy(a => a.ItemId, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString(InstrumentId, answer.InstrumentId);
                json.WriteString(ItemId, answer.ItemId);
                if (answer.Value is { } value)
                {
                    json.WriteNumber(Value, value);
                }
                else
                {
                    json.WriteNull(Value);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray(Comments);
            foreach (var comment in response.Comments.OrderBy(c => c.QuestionId, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString(QuestionId, comment.QuestionId);
                json.WriteString(Text, comment.Text);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }
}
