namespace Leerrijk.Web.Features.QuickScan;

/// <summary>Registers the quick scan an owner can take before registering.</summary>
public static class QuickScanSetup
{
    public static IServiceCollection AddQuickScan(this IServiceCollection services) => services.AddSingleton<QuickScanCarry>();
}
