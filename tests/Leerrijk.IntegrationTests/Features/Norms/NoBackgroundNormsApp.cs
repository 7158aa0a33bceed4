using Leerrijk.Web.Features.Norms;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Norms;

/// <summary>The app without the nightly norm refresh, so only a test's own <see cref="NormRefresher.RefreshAsync"/> computes bands.</summary>
public sealed class NoBackgroundNormsApp : LeerrijkAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Configure<NormRefresherOptions>(o => o.RunInBackground = false));
    }
}

