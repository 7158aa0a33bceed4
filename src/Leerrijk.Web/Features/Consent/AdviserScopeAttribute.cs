namespace Leerrijk.Web.Features.Consent;

/// <summary>
/// Which consent scope admits an adviser to an organisation page or one of its handlers. A page without it is for
/// members only: an adviser with a grant gets 403 there. On a handler it overrides the page's; there
/// <see cref="ConsentScope.None"/> keeps advisers out of one handler of a page they may otherwise use (no grant allows None).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AdviserScopeAttribute(ConsentScope scope) : Attribute
{
    public ConsentScope Scope { get; } = scope;
}
