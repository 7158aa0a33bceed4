using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Demo;
using Leerrijk.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Demo;

/// <summary>
/// A clock that starts one second before midnight in the Netherlands and moves a millisecond each time it is read, so
/// the demo seeding (thousands of reads) crosses into the next day halfway, as it did once when CI started at 23:59.
/// </summary>
public sealed class MidnightClock : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2026, 12, 4, 23, 59, 59, TimeSpan.FromHours(1));

    private long _reads;

    public override DateTimeOffset GetUtcNow() => Start.ToUniversalTime() + TimeSpan.FromMilliseconds(Interlocked.Increment(ref _reads));
}

public sealed class DemoAtMidnightApp : LeerrijkAppFactory
{
    public MidnightClock Clock { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Demo:Seed"] = "true" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class DemoAtMidnightTests(DemoAtMidnightApp app) : IClassFixture<DemoAtMidnightApp>
{
    [Fact]
    public async Task Demo_seeding_that_crosses_midnight_still_stores_every_response_and_keeps_the_rounds_dates()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();

        // The clock did cross midnight while the app started, or this test proves nothing.
        Assert.True(LocalizationSetup.Today(app.Clock) > DateOnly.FromDateTime(MidnightClock.Start.DateTime));
        var closed = await db.Rounds.SingleAsync(r => r.ClosedAtUtc != null && db.Organisations.Any(o => o.Id == r.OrganisationId && o.Name == DemoSeeder.OrganisationName));
        Assert.Equal(DemoRounds.ClosedRoundRespondents, await db.Responses.CountAsync(r => r.RoundId == closed.Id));
        Assert.True(closed.ClosesOn < DateOnly.FromDateTime(MidnightClock.Start.DateTime), "the closed round got its own dates back");
        Assert.True(await db.Organisations.CountAsync() > 30, "the demo programme's companies were seeded too");
    }
}
