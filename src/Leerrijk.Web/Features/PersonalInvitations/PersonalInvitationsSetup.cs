namespace Leerrijk.Web.Features.PersonalInvitations;

/// <summary>Registers personal survey invitations and the background service that mails them.</summary>
public static class PersonalInvitationsSetup
{
    public static IServiceCollection AddPersonalInvitations(this IServiceCollection services)
    {
        services.AddSingleton<InvitationMailMetrics>();
        services.AddSingleton<InvitationMailer>();
        services.AddHostedService(sp => sp.GetRequiredService<InvitationMailer>());
        return services;
    }
}
