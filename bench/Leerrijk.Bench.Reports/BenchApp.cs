using Leerrijk.Web.Features.Reports;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Leerrijk.Bench.Reports;

/// <summary>
/// The real app (its Program, services, migrations and pages) in this process, on the bench's database, without its
/// background work: the statistics folder would fold the unfolded tail the bench wants to keep, and any timer firing
/// during a measurement would only add noise. The bench calls <see cref="StatisticsFolder.FoldAllAsync"/> itself.
/// </summary>
internal sealed class BenchApp(string settingKey, string connectionString, string mailDirectory) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseStaticWebAssets();
        builder.UseSetting(settingKey, connectionString);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Mail:PickupDirectory", mailDirectory);
        // Errors only; on a fresh database EF Core logs the missing migrations history table as a failed command.
        builder.UseSetting("Logging:LogLevel:Default", "Error");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "None");
        builder.UseSetting("RateLimits:PerClientPerMinute", "100000000");
        builder.UseSetting("RateLimits:PerAddressPerMinute", "100000000");
        builder.UseSetting("RateLimits:AccountPostsPerClientPerMinute", "100000");
        builder.ConfigureTestServices(services =>
        {
            // Program.cs registers its timers (statistics folder, round closer, invitation mailer) as factories
            // written in the app's assembly; the migrator and the framework's own hosted services stay.
            var timers = services
                .Where(d => d.ServiceType == typeof(IHostedService) && !d.IsKeyedService
                    && d.ImplementationFactory?.Method.DeclaringType?.Assembly == typeof(StatisticsFolder).Assembly)
                .ToList();
            foreach (var timer in timers)
            {
                services.Remove(timer);
            }
        });
    }

    /// <summary>Starts the app (which migrates the database) and checks no statistics folder runs on its own.</summary>
    public void Start()
    {
        if (Services.GetServices<IHostedService>().Any(h => h is StatisticsFolder))
        {
            throw new InvalidOperationException("The statistics folder still runs in the background; the bench cannot keep an unfolded tail.");
        }
    }
}
