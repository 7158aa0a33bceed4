using Leerrijk.Scoring.Languages;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Language;

/// <summary>
/// The language switch in the header: remembers the choice in a cookie for a year and returns to the same page. Any
/// registered language can be chosen; pages that do not exist in it (all but the respondent pages) stay Dutch.
/// </summary>
public sealed class SetModel(LanguageRegistry languages) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost(string? lang, string? returnUrl)
    {
        var culture = languages.Find(lang)?.CultureInfo;
        if (culture is null)
        {
            return BadRequest();
        }

        Response.Cookies.Append(
            LocalizationSetup.CookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = Request.IsHttps,
            });

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
