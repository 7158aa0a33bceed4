using Leerrijk.Web.Features.Consent;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Leerrijk.UnitTests.Features.Consent;

/// <summary>The one set of rules every consent form checks: scopes and the period.</summary>
public sealed class ConsentRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static (ConsentScope Scopes, string? Error) Check(ConsentScope offered, params ConsentScope[] chosen)
    {
        var state = new ModelStateDictionary();
        var scopes = ConsentRules.CheckScopes(chosen, offered, state, "Input.Scopes", new KeyLocalizer());
        return (scopes, state["Input.Scopes"]?.Errors.SingleOrDefault()?.ErrorMessage);
    }

    [Fact]
    public void Reading_alone_or_with_any_other_scope_is_allowed()
    {
        Assert.Equal((ConsentScope.ReadReports, null), Check(ConsentRules.Every, ConsentScope.ReadReports));
        Assert.Equal((ConsentRules.Every, null), Check(ConsentRules.Every, [.. ConsentRules.All]));
        Assert.Equal((ConsentScope.ReadReports | ConsentScope.RawAnswers, null), Check(ConsentRules.Every, ConsentScope.RawAnswers, ConsentScope.ReadReports, ConsentScope.RawAnswers));
    }

    [Fact]
    public void No_scope_raw_answers_without_reading_and_other_scopes_without_reading_are_refused_with_their_own_reason()
    {
        Assert.Equal("Consent.NoScope", Check(ConsentRules.Every).Error);
        Assert.Equal("Consent.RawAnswersNeedReadReports", Check(ConsentRules.Every, ConsentScope.RawAnswers).Error);
        Assert.Equal("Consent.RawAnswersNeedReadReports", Check(ConsentRules.Every, ConsentScope.RawAnswers, ConsentScope.WorkOnPlan).Error);
        Assert.Equal("Consent.NeedsReadReports", Check(ConsentRules.Every, ConsentScope.ManageRounds).Error);
    }

    [Fact]
    public void A_scope_not_on_offer_or_not_a_single_scope_is_refused()
    {
        Assert.Equal("Validation.NotInList", Check(ConsentScope.ReadReports, ConsentScope.ReadReports, ConsentScope.ManageRounds).Error);
        Assert.Equal("Validation.NotInList", Check(ConsentRules.Every, ConsentScope.ReadReports | ConsentScope.RawAnswers).Error);
        Assert.Equal("Validation.NotInList", Check(ConsentRules.Every, ConsentScope.None).Error);
        Assert.Equal("Validation.NotInList", Check(ConsentRules.Every, (ConsentScope)64).Error);
    }

    [Theory]
    [InlineData(-1, "Consent.EndsOnNotAfterToday")]
    [InlineData(0, "Consent.EndsOnNotAfterToday")]
    [InlineData(1, null)]
    [InlineData(1096, null)] // 10 March 2029: exactly three years
    [InlineData(1097, "Consent.EndsOnTooLate")]
    public void The_end_is_after_today_and_at_most_three_years_ahead(int days, string? error)
    {
        var state = new ModelStateDictionary();

        ConsentRules.CheckEndsOn(Today.AddDays(days), Today, ConsentRules.LatestEnd(Today), "Consent.EndsOnTooLate", state, "Input.EndsOn", new KeyLocalizer());

        Assert.Equal(error, state["Input.EndsOn"]?.Errors.Single().ErrorMessage.Split('(')[0]);
    }
}
