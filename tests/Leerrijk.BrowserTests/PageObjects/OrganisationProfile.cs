using Microsoft.Playwright;

namespace Leerrijk.BrowserTests.PageObjects;

/// <summary>
/// The organisation profile as its form takes it (on /organisations/new and /o/{id}/settings): option values,
/// not the texts people read. <see cref="SizeClass"/> is Micro, Small, Medium or Large; head count and turnover are as typed.
/// </summary>
public sealed record OrganisationProfile(
    string Name, string SbiSection, string SizeClass, string ProvinceId, string LabourMarketRegionId, string? KvkNumber = null, string? Employees = null, string? Turnover = null)
{
    /// <summary>A carpentry workshop in the Achterhoek with a unique name, so tests sharing a database do not collide.</summary>
    public static OrganisationProfile Example(string name) => new(name, "C", "Small", "gelderland", "achterhoek", "12345678");
}

/// <summary>The fields of _ProfileFields.cshtml, shared by the create and settings pages.</summary>
internal static class OrganisationProfileForm
{
    public static async Task FillAsync(IPage page, OrganisationProfile profile)
    {
        await page.Locator("input[name='Input.Name']").FillAsync(profile.Name);
        await page.Locator("select[name='Input.SbiSection']").SelectOptionAsync(profile.SbiSection);
        await page.Locator("select[name='Input.SizeClass']").SelectOptionAsync(profile.SizeClass);
        await page.Locator("select[name='Input.ProvinceId']").SelectOptionAsync(profile.ProvinceId);
        await page.Locator("select[name='Input.LabourMarketRegionId']").SelectOptionAsync(profile.LabourMarketRegionId);
        await page.Locator("input[name='Input.KvkNumber']").FillAsync(profile.KvkNumber ?? "");
        await page.Locator("input[name='Input.Employees']").FillAsync(profile.Employees ?? "");
        await page.Locator("input[name='Input.Turnover']").FillAsync(profile.Turnover ?? "");
    }

    /// <summary>What the form shows now, as option values.</summary>
    public static async Task<OrganisationProfile> ReadAsync(IPage page)
    {
        var kvk = await page.Locator("input[name='Input.KvkNumber']").InputValueAsync();
        var employees = await page.Locator("input[name='Input.Employees']").InputValueAsync();
        var turnover = await page.Locator("input[name='Input.Turnover']").InputValueAsync();
        return new(
            await page.Locator("input[name='Input.Name']").InputValueAsync(),
            await page.Locator("select[name='Input.SbiSection']").InputValueAsync(),
            await page.Locator("select[name='Input.SizeClass']").InputValueAsync(),
            await page.Locator("select[name='Input.ProvinceId']").InputValueAsync(),
            await page.Locator("select[name='Input.LabourMarketRegionId']").InputValueAsync(),
            kvk.Length == 0 ? null : kvk,
            employees.Length == 0 ? null : employees,
            turnover.Length == 0 ? null : turnover);
    }
}
