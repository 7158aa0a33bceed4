using Leerrijk.Web.Features.Consent;

namespace Leerrijk.UnitTests.Features.Consent;

/// <summary>The access log in words: routes, handlers and methods map to descriptions; the round's title is looked up.</summary>
public sealed class AccessLogDescriptionsTests
{
    private static readonly Guid Organisation = Guid.NewGuid();
    private static readonly Guid Round = Guid.NewGuid();
    private static readonly Dictionary<Guid, string> Titles = new() { [Round] = "Teamscan voorjaar" };

    private static AccessLogEntry Entry(string method, string route, string handler, string path) =>
        new() { Method = method, Route = route, Handler = handler, Path = path };

    private static string Describe(AccessLogEntry entry) => AccessLogDescriptions.Describe(entry, Titles, new KeyLocalizer());

    [Fact]
    public void The_report_page_names_the_round_by_its_title()
    {
        var entry = Entry("GET", "o/{orgId:guid}/rounds/{roundId:guid}/report", "", $"/o/{Organisation}/rounds/{Round}/report");

        Assert.Equal(Round, AccessLogDescriptions.RoundIdOf(entry));
        Assert.Equal("AccessLog.Report(Teamscan voorjaar)", Describe(entry));
    }

    [Theory]
    [InlineData("GET", "Csv", "AccessLog.RawAnswers(Teamscan voorjaar)")]
    [InlineData("GET", "csv", "AccessLog.RawAnswers(Teamscan voorjaar)")]
    [InlineData("HEAD", "Xlsx", "AccessLog.ReportXlsx(Teamscan voorjaar)")]
    [InlineData("GET", "Pdf", "AccessLog.ReportPdf(Teamscan voorjaar)")]
    public void A_download_is_told_apart_from_reading_by_its_handler(string method, string handler, string expected)
    {
        var entry = Entry(method, "o/{orgId:guid}/rounds/{roundId:guid}/report", handler, $"/o/{Organisation}/rounds/{Round}/report");

        Assert.Equal(expected, Describe(entry));
    }

    [Theory]
    [InlineData("Add")]
    [InlineData("Update")]
    [InlineData("")]
    public void Every_post_to_the_plan_changes_the_plan(string handler)
    {
        Assert.Equal("AccessLog.PlanChanged", Describe(Entry("POST", "o/{orgId:guid}/plan", handler, $"/o/{Organisation}/plan")));
        Assert.Equal("AccessLog.Plan", Describe(Entry("GET", "o/{orgId:guid}/plan", "", $"/o/{Organisation}/plan")));
    }

    [Fact]
    public void The_api_names_its_round_by_the_id_parameter()
    {
        var entry = Entry("GET", "/api/v1/rounds/{id:guid}/report", "", $"/api/v1/rounds/{Round}/report");

        Assert.Equal("AccessLog.ReportApi(Teamscan voorjaar)", Describe(entry));
    }

    [Fact]
    public void A_round_that_no_longer_exists_is_said_so()
    {
        var entry = Entry("GET", "o/{orgId:guid}/rounds/{roundId:guid}", "", $"/o/{Organisation}/rounds/{Guid.NewGuid()}");

        Assert.Equal("AccessLog.Round(AccessLog.UnknownRound)", Describe(entry));
    }

    [Theory]
    [InlineData("GET", "o/{orgId:guid}/tracks/{trackId:guid}", "")]
    [InlineData("DELETE", "o/{orgId:guid}/plan", "")]
    [InlineData("GET", "o/{orgId:guid}/rounds/{roundId:guid}/report", "Zip")]
    public void An_undescribed_request_shows_its_path(string method, string route, string handler)
    {
        var entry = Entry(method, route, handler, $"/o/{Organisation}/iets");

        Assert.False(AccessLogDescriptions.Describes(method, route, handler));
        Assert.Equal($"/o/{Organisation}/iets", Describe(entry));
        Assert.Null(AccessLogDescriptions.RoundIdOf(entry));
    }
}
