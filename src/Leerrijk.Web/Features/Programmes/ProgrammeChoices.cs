namespace Leerrijk.Web.Features.Programmes;

/// <summary>
/// The company's two separate choices as a form shows them (<c>_ProgrammeChoices</c>): when joining and when changing
/// them later. <paramref name="Prefix"/> names the fields ("Input" gives Input.SharesResults and Input.InNormPool);
/// <paramref name="IdSuffix"/> keeps element ids unique when one page has several forms.
/// </summary>
public sealed record ProgrammeChoicesView(string Prefix, bool SharesResults, bool InNormPool, int MinCompanies, string IdSuffix = "");
