namespace Leerrijk.Web.Features.Privacy;

/// <summary>
/// Who hosts this installation and so processes the companies' data on their behalf (the "verwerker" under AVG
/// art. 28): shown on the privacy page and the works council sheet. Set by the host in configuration; Leerrijk
/// never guesses it.
/// </summary>
public sealed class HostOptions
{
    public const string Section = "Host";

    /// <summary>The host's organisation name, such as a network or an ICT supplier.</summary>
    public string Name { get; set; } = "";

    /// <summary>Where people send questions and requests about their data: an e-mail address.</summary>
    public string Email { get; set; } = "";

    /// <summary>Postal address or other contact details, optional.</summary>
    public string Address { get; set; } = "";

    /// <summary>Whether the host filled in who they are; otherwise pages say plainly that it is not configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Name);
}
