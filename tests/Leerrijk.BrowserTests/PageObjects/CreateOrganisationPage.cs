using Leerrijk.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>/organisations/new: "Organisatie aanmelden", the profile form; whoever submits it becomes the owner.</summary>
public sealed class CreateOrganisationPage : PageObject
{
    internal CreateOrganisationPage(BrowserSession session, IResponse response)
        : base(session, response, "/organisations/new")
    {
    }

    /// <summary>Fills the form and presses "Aanmelden" (in English "Register"), expecting the new organisation's dashboard.</summary>
    public async Task<DashboardPage> RegisterAsync(OrganisationProfile profile, string submit = "Aanmelden")
    {
        await OrganisationProfileForm.FillAsync(Page, profile);
        return await GoToAsync(() => MainButton(submit).ClickAsync(), r => new DashboardPage(Session, r), "dashboard-new");
    }
}
