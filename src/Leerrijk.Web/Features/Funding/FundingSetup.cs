using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Leerrijk.Web.Features.Funding;

/// <summary>Registers the voucher register of companies and the scheme budgets of support organisations.</summary>
public static class FundingSetup
{
    public static IServiceCollection AddFunding(this IServiceCollection services)
    {
        services.AddScoped<VoucherForm>();
        services.AddScoped<FundingOverviewQuery>();
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Funding"));
        return services;
    }
}
