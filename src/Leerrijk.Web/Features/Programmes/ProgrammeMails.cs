using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Infrastructure.Localization;
using Leerrijk.Web.Infrastructure.Mail;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Programmes;

/// <summary>The mail that invites a company's owner to a programme, in the language the coordinator chose for them.</summary>
public sealed class ProgrammeMails(AccountMails accountMails, IMailSender sender, IStringLocalizer<SharedResource> l)
{
    /// <summary>Sends the invitation: who runs the programme, what the programme sees (figures over several companies only), until when the link works.</summary>
    /// <param name="to">The owner's address.</param>
    /// <param name="language">"nl" or "en"; anything else is Dutch.</param>
    /// <param name="programme">The programme.</param>
    /// <param name="supportName">The support organisation that runs it.</param>
    /// <param name="companyName">The company the coordinator has in mind, if they named it.</param>
    /// <param name="lastDay">The last day the link works.</param>
    /// <param name="link">The absolute link to the invitation page.</param>
    /// <param name="cancellationToken">Stops sending.</param>
    public Task SendInvitationAsync(
        string to, string language, Programme programme, string supportName, string? companyName, DateOnly lastDay, string link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var culture = LocalizationSetup.FromCode(language) ?? LocalizationSetup.Dutch;
        var mail = LocalizationSetup.InCulture(culture, () =>
        {
            var paragraphs = new List<string>
            {
                l["Programme.Mail.Body", supportName, programme.Name, programme.StartsOn.ToString("D", culture), programme.EndsOn.ToString("D", culture)].Value,
            };
            if (!string.IsNullOrWhiteSpace(companyName))
            {
                paragraphs.Add(l["Programme.Mail.Company", companyName].Value);
            }

            paragraphs.Add(l["Programme.Mail.WhatItSees", programme.MinCompanies].Value);
            paragraphs.Add(l["Programme.Mail.YouChoose", lastDay.ToString("D", culture)].Value);
            return accountMails.Compose(to, l["Programme.Mail.Subject", supportName, programme.Name].Value, paragraphs, l["Programme.Mail.Button"].Value, link);
        });
        return sender.SendAsync(mail, cancellationToken);
    }
}
