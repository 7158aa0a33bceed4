using System.Resources;

[assembly: NeutralResourcesLanguage("nl")]

namespace Leerrijk.Web;

/// <summary>Anchor type for the UI text in Resources/SharedResource(.en).resx: Dutch is the neutral language, English the satellite.</summary>
/// <remarks>It lives outside Resources/ on purpose: a class beside the .resx would rename the embedded resource.</remarks>
public sealed class SharedResource;
