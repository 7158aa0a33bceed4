namespace Leerrijk.Web.Features.Anonymity;

/// <summary>The anonymity threshold k: no figure about fewer than k respondents is ever shown. Rounds may raise it, never lower it below <see cref="LowestThreshold"/>.</summary>
public sealed class AnonymityOptions
{
    public const string Section = "Anonymity";

    public const int LowestThreshold = 3;

    public int DefaultThreshold { get; set; } = 5;
}
