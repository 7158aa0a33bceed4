using Leerrijk.BrowserTests.Infrastructure;
using Leerrijk.BrowserTests.PageObjects;
using Xunit.Sdk;

namespace Leerrijk.BrowserTests.Features;

/// <summary>The accessibility check itself: axe really runs under the app's CSP and a serious violation fails.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityCheckTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task The_accessibility_check_fails_on_an_image_without_alt_text_and_names_the_rule_and_element()
    {
        await using var session = await browser.NewSessionAsync();
        await LandingPage.OpenAsync(session);

        // A test-only change to the DOM; the app itself sends no script.
        await session.Page.EvaluateAsync(
            "() => { const img = document.createElement('img'); img.id = 'no-alt'; img.src = '/css/site.css'; document.querySelector('main').append(img); }");

        var failure = await Assert.ThrowsAsync<FailException>(
            () => Accessibility.AssertNoSeriousViolationsAsync(session.Page, nameof(AccessibilityCheckTests) + "-broken-landing"));

        Assert.Contains("image-alt (critical)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#no-alt", failure.Message, StringComparison.Ordinal);
    }
}
