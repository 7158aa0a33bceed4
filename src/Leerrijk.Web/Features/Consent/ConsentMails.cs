using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Infrastructure.Localization;
using Leerrijk.Web.Infrastructure.Mail;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Consent;

/// <summary>The mail that asks a company's owner to connect, in the owner's language (not the adviser's).</summary>
public sealed class ConsentMails(AccountMails accountMails, IMailSender sender, IStringLocalizer<SharedResource> l)
{
    /// <summary>Sends the request: who asks, each proposed scope in plain words, for how long, and the link to answer.</summary>
    /// <param name="to">The owner's address.</param>
    /// <param name="language">"nl" or "en"; anything else is Dutch.</param>
    /// <param name="supportName">The support organisation that asks.</param>
    /// <param name="adviserName">The adviser who asks.</param>
    /// <param name="companyName">The company the adviser has in mind, if they named it.</param>
    /// <param name="scopes">What the adviser asks for.</param>
    /// <param name="months">For how long.</param>
    /// <param name="lastDay">The last day the link works.</param>
    /// <param name="link">The absolute link to the answering page.</param>
    /// <param name="cancellationToken">Stops sending.</param>
    public Task SendConnectionRequestAsync(
        string to, string language, string supportName, string adviserName, string? companyName, ConsentScope scopes, int months, DateOnly lastDay,
        string link, CancellationToken cancellationToken)
    {
        var culture = LocalizationSetup.FromCode(language) ?? LocalizationSetup.Dutch;
        var mail = LocalizationSetup.InCulture(culture, () =>
        {
            var paragraphs = new List<string> { l["Consent.Mail.Body", adviserName, supportName].Value };
            if (!string.IsNullOrWhiteSpace(companyName))
            {
                paragraphs.Add(l["Consent.Mail.Company", companyName].Value);
            }

            paragraphs.Add(l["Consent.Mail.Asks", months].Value);
            paragraphs.AddRange(ConsentRules.Split(scopes).Select(s => $"- {l["Consent.Scope." + s].Value}: {l["Consent.Scope." + s + ".Explained"].Value}"));
            paragraphs.Add(l["Consent.Mail.YouChoose", lastDay.ToString("D", culture)].Value);
            return accountMails.Compose(to, l["Consent.Mail.Subject", supportName].Value, paragraphs, l["Consent.Mail.Button"].Value, link);
        });
        return sender.SendAsync(mail, cancellationToken);
    }
}
