using NJsonSchema;
using NJsonSchema.Validation;
using YamlDotNet.Serialization;

namespace Leerrijk.UnitTests.Scoring.Instruments;

/// <summary>The published schema (content/instruments/instrument.schema.json) accepts every shipped file and refuses what the loader refuses.</summary>
public sealed class InstrumentSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromJsonAsync(File.ReadAllText(RepositoryPaths.Of("content", "instruments", "instrument.schema.json"))).GetAwaiter().GetResult();

    private static string ToJson(string yaml)
    {
        // Unquoted scalars become numbers and booleans, as the loader reads them.
        var data = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object>(yaml);
        return new SerializerBuilder().JsonCompatible().Build().Serialize(data);
    }

    public static TheoryData<string> Files => new(Directory.GetFiles(RepositoryPaths.Of("content", "instruments"), "*.yaml").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_shipped_instrument_matches_the_published_schema(string file)
    {
        var errors = Schema.Validate(ToJson(File.ReadAllText(RepositoryPaths.Of("content", "instruments", file))));

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void The_schema_refuses_unknown_keys_and_unknown_roles()
    {
        var yaml = File.ReadAllText(RepositoryPaths.Of("content", "instruments", "leerrijk-teamscan.yaml"))
            .Replace("scale: agreement-5", "scale: agreement-5\nminuten: 7", StringComparison.Ordinal)
            .Replace("roles: [owner, hr, manager, employee, works-council]", "roles: [owner, baas]", StringComparison.Ordinal);

        var errors = Schema.Validate(ToJson(yaml));

        Assert.Contains(errors, e => e.Kind == ValidationErrorKind.NoAdditionalPropertiesAllowed && e.Property == "minuten");
        Assert.Contains(errors, e => e.Path is not null && e.Path.Contains("roles", StringComparison.Ordinal));
    }
}
