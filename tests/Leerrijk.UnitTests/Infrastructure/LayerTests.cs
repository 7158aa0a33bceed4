using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;

namespace Leerrijk.UnitTests.Infrastructure;

/// <summary>
/// Infrastructure knows no feature: a cross-cutting part that needs a feature's fact takes it as an option or a
/// predicate. Checked on the compiled types, their signatures and every type, method and field their code uses.
/// </summary>
public sealed partial class LayerTests
{
    private const string InfrastructureNamespace = "Leerrijk.Web.Infrastructure";
    private const string FeaturesNamespace = "Leerrijk.Web.Features";

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Fact]
    public void No_type_in_infrastructure_references_a_feature()
    {
        var infrastructure = typeof(Leerrijk.Web.Infrastructure.PublicLinks).Assembly.GetTypes()
            .Where(t => InNamespace(t, InfrastructureNamespace))
            .ToList();
        Assert.NotEmpty(infrastructure);

        var offences = infrastructure
            .SelectMany(t => ReferencedTypes(t).Where(r => InNamespace(r, FeaturesNamespace)).Select(r => $"{t.FullName} uses {r.FullName}"))
            .Distinct()
            .ToList();

        Assert.True(offences.Count == 0, string.Join("\n", offences));
    }

    [Fact]
    public void No_infrastructure_source_file_names_a_feature_namespace()
    {
        // Constants (a cookie name, a route) are copied into the code that uses them and leave no reference in the
        // compiled assembly, so the source is read as well.
        var files = Directory.GetFiles(RepositoryPaths.Of("src", "Leerrijk.Web", "Infrastructure"), "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);

        var offences = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Number: i + 1, Line: line)))
            .Where(l => FeatureNamespace().IsMatch(l.Line))
            .Select(l => $"{Path.GetRelativePath(RepositoryPaths.Root, l.File)}:{l.Number}: {l.Line.Trim()}")
            .ToList();

        Assert.True(offences.Count == 0, string.Join("\n", offences));
    }

    [Theory]
    [InlineData("using Leerrijk.Web.Features.Answering;", true)]
    [InlineData("request.Cookies.ContainsKey(Features.Answering.Survey.CookieName)", true)]
    [InlineData("var size = context.Features.Get<IHttpMaxRequestBodySizeFeature>();", false)]
    [InlineData("/// <c>/Features/Reports/_ReportDocument.cshtml</c>", false)]
    public void The_source_check_tells_a_feature_namespace_from_request_features(string line, bool offends) =>
        Assert.Equal(offends, FeatureNamespace().IsMatch(line));

    [Fact]
    public void The_check_sees_a_feature_used_only_inside_a_method_body()
    {
        // Guards the test above: a reference that appears in no signature, only in code, must still be found.
        Assert.Contains(typeof(Leerrijk.Web.Features.Answering.Survey), ReferencedTypes(typeof(UsesAFeatureInItsBody)));
    }

    private static bool InNamespace(Type type, string prefix)
    {
        var outer = type;
        while (outer.DeclaringType is not null)
        {
            outer = outer.DeclaringType;
        }

        return outer.Namespace is { } ns && (ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal));
    }

    private static IEnumerable<Type> ReferencedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var found = new List<Type>();
        found.AddRange(Expand(type.BaseType));
        found.AddRange(type.GetInterfaces().SelectMany(Expand));
        found.AddRange(type.GetCustomAttributesData().SelectMany(a => Expand(a.AttributeType)));
        found.AddRange(type.GetFields(all).SelectMany(f => Expand(f.FieldType)));
        found.AddRange(type.GetProperties(all).SelectMany(p => Expand(p.PropertyType)));
        found.AddRange(type.GetEvents(all).SelectMany(e => Expand(e.EventHandlerType)));
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info)
            {
                found.AddRange(Expand(info.ReturnType));
            }

            found.AddRange(method.GetParameters().SelectMany(p => Expand(p.ParameterType)));
            found.AddRange(method.GetCustomAttributesData().SelectMany(a => Expand(a.AttributeType)));
            found.AddRange(TypesInBody(method));
        }

        // Lambdas, async state machines and local functions compile to nested types.
        found.AddRange(type.GetNestedTypes(all).SelectMany(ReferencedTypes));
        return found;
    }

    /// <summary>Every type a method's IL names, directly or through a method or field it calls or reads.</summary>
    private static IEnumerable<Type> TypesInBody(MethodBase method)
    {
        var body = method.GetMethodBody();
        if (body is null)
        {
            yield break;
        }

        foreach (var local in body.LocalVariables)
        {
            foreach (var t in Expand(local.LocalType))
            {
                yield return t;
            }
        }

        var il = body.GetILAsByteArray() ?? [];
        var module = method.Module;
        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            var code = il[i] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[i + 1])] : OpCodesByValue[il[i]];
            i += code.Size;
            var operandSize = code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
            if (code.OperandType is OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok)
            {
                var member = module.ResolveMember(BitConverter.ToInt32(il, i), typeArguments, methodArguments);
                var types = member switch
                {
                    Type t => Expand(t),
                    MethodBase m => Expand(m.DeclaringType).Concat(m.GetParameters().SelectMany(p => Expand(p.ParameterType))),
                    FieldInfo f => Expand(f.DeclaringType).Concat(Expand(f.FieldType)),
                    _ => [],
                };
                foreach (var t in types)
                {
                    yield return t;
                }
            }

            i += operandSize;
        }
    }

    /// <summary>A type with its element and generic argument types (<c>List&lt;Survey&gt;</c> references Survey).</summary>
    private static IEnumerable<Type> Expand(Type? type)
    {
        if (type is null || type.IsGenericParameter)
        {
            yield break;
        }

        yield return type;
        if (type.HasElementType)
        {
            foreach (var t in Expand(type.GetElementType()))
            {
                yield return t;
            }
        }

        if (type.IsGenericType)
        {
            foreach (var t in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return t;
            }
        }
    }

    /// <summary>"Leerrijk.Web.Features" anywhere, or "Features.X" not preceded by a name or a dot (context.Features is a request's).</summary>
    [GeneratedRegex(@"Leerrijk\.Web\.Features|(?<![\w.])Features\.[A-Z]")]
    private static partial Regex FeatureNamespace();

    private static class UsesAFeatureInItsBody
    {
        public static string Name() => typeof(Leerrijk.Web.Features.Answering.Survey).Name;
    }
}
