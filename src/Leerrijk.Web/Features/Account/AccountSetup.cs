using Leerrijk.Web.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Leerrijk.Web.Features.Account;

public static class AccountSetup
{
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    public const int MaxFailedAttempts = 5;

    /// <summary>How long "remember this device" spares an account that may use it the code from the app.</summary>
    public static readonly TimeSpan RememberDeviceFor = TimeSpan.FromDays(14);

    public static IServiceCollection AddLeerrijkAccounts(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddSingleton(_ => CommonPasswords.Load(Path.Combine(AppContext.BaseDirectory, "content", "security", "common-passwords.txt")));

        services.AddIdentity<ApplicationUser, IdentityRole<Guid>>(options =>
            {
                options.SignIn.RequireConfirmedEmail = true;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = PasswordPolicyValidator.MinLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
            })
            .AddEntityFrameworkStores<LeerrijkDbContext>()
            .AddSignInManager<LeerrijkSignInManager>()
            .AddDefaultTokenProviders() // includes the authenticator (TOTP) provider two-step log-in uses
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();

        // One password rule, ours: drop Identity's composition-rule validator.
        services.RemoveAll<IPasswordValidator<ApplicationUser>>();
        services.AddScoped<IPasswordValidator<ApplicationUser>, PasswordPolicyValidator>();

        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(24));

        // A disabled account or a changed password logs out other sessions within a minute, not the default 30.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o => o.ExpireTimeSpan = RememberDeviceFor);

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = environment.IsDevelopment() || environment.IsEnvironment("Testing") ? "Leerrijk.Auth" : "__Host-Leerrijk.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = environment.IsDevelopment() || environment.IsEnvironment("Testing")
                ? CookieSecurePolicy.SameAsRequest
                : CookieSecurePolicy.Always;
            // SessionLifetime ends a log-in after 30 minutes idle or 12 hours; the cookie never outlives that.
            options.ExpireTimeSpan = SessionLifetime.Absolute;
            options.SlidingExpiration = false;
            var checkSecurityStamp = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                await SessionLifetime.ValidateAsync(context);
                if (context.Principal is not null)
                {
                    await checkSecurityStamp(context);
                }
            };
            var signingIn = options.Events.OnSigningIn;
            options.Events.OnSigningIn = async context =>
            {
                await SessionLifetime.OnSigningIn(context);
                await signingIn(context);
            };
            var redirectToLogin = options.Events.OnRedirectToLogin;
            options.Events.OnRedirectToLogin = context =>
            {
                SessionLifetime.NoteEndedSession(context);
                return redirectToLogin(context);
            };
        });

        services.AddScoped<AccountMails>();
        services.AddScoped<TwoFactorRequirement>();
        services.Configure<RazorPagesOptions>(o => o.Conventions.AuthorizePage("/Account/ChangePassword"));
        return services;
    }

    /// <summary>
    /// Sends accounts that must log in in two steps but have not set it up to the set-up page (<see cref="TwoFactorEnforcement"/>).
    /// Goes after authentication, so it knows who is signed in, and before the pages and the API.
    /// </summary>
    public static IApplicationBuilder UseTwoFactorRequirement(this IApplicationBuilder app) =>
        app.UseMiddleware<TwoFactorEnforcement>();
}
