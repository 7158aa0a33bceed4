using Microsoft.Extensions.Localization;

namespace Leerrijk.UnitTests.Features.Consent;

/// <summary>Returns the key with its arguments, so a test sees which text was chosen and what went into it.</summary>
internal sealed class KeyLocalizer : IStringLocalizer
{
    public LocalizedString this[string name] => new(name, name);

    public LocalizedString this[string name, params object[] arguments] => new(name, $"{name}({string.Join(",", arguments)})");

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
}
