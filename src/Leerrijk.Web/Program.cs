using Leerrijk.Web;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.Answering;
using Leerrijk.Web.Features.Demo;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Menukaart;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.PersonalInvitations;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Responses;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Infrastructure;
using Leerrijk.Web.Infrastructure.Localization;
using Leerrijk.Web.Infrastructure.Mail;
using Leerrijk.Web.Infrastructure.Pdf;
using Leerrijk.Web.Infrastructure.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Localization;

var builder = WebApplication.CreateBuilder(args);
var contentRoot = builder.Environment.ContentRootPath;
PublicLinks.RequireBaseUrl(builder.Configuration, builder.Environment);

// Logs: readable in Development, one JSON object per line everywhere else.
if (!builder.Environment.IsDevelopment())
{
    builder.Logging.ClearProviders();
    builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
}

builder.Services.AddLeerrijkDatabase(builder.Configuration, contentRoot);
builder.Services.AddDataProtection()
    .SetApplicationName("Leerrijk")
    .PersistKeysToDbContext<LeerrijkDbContext>();
builder.Services.AddLeerrijkAccounts(builder.Environment);
builder.Services.AddLeerrijkMail(builder.Configuration, contentRoot);
builder.Services.AddLeerrijkPdf(builder.Configuration);
builder.Services.AddSingleton(ReferenceData.Load(Path.Combine(AppContext.BaseDirectory, "content", "reference")));
var instruments = InstrumentCatalog.Load(builder.Configuration);
builder.Services.AddSingleton(instruments);
var menukaart = MenukaartContent.LoadFolder(builder.Configuration["Menukaart:Folder"] is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "content"), instruments.All);
builder.Services.AddSingleton(new MenukaartFiles(menukaart.Interventions, menukaart.Stories));
builder.Services.AddScoped<Menukaart>();
builder.Services.AddScoped<MenukaartEditing>();
builder.Services.AddSingleton<Leerrijk.Web.Features.QuickScan.QuickScanCarry>();
builder.Services.AddScoped<DemoSeeder>();
builder.Services.AddScoped<ResponseSubmission>();
builder.Services.AddScoped<Survey>();
builder.Services.AddSingleton<RoundCache>();
builder.Services.AddSingleton<MenukaartImporter>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<MenukaartImporter>());
builder.Services.AddSingleton<RoundCloser>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<RoundCloser>());
builder.Services.AddScoped<ReportQueries>();
builder.Services.AddScoped<ReportExports>();
builder.Services.AddSingleton<StatisticsFolder>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<StatisticsFolder>());
builder.Services.AddSingleton<InvitationMailer>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<InvitationMailer>());
builder.Services.AddSingleton<PublicLinks>();
builder.Services.AddOptions<AnonymityOptions>()
    .Bind(builder.Configuration.GetSection(AnonymityOptions.Section))
    .Validate(o => o.DefaultThreshold >= AnonymityOptions.LowestThreshold, $"Anonymity:DefaultThreshold must be at least {AnonymityOptions.LowestThreshold}.")
    .ValidateOnStart();

builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.Configure<Microsoft.AspNetCore.Builder.RequestLocalizationOptions>(LocalizationSetup.ConfigureRequestLocalization);
builder.Services.AddRazorPages(options =>
    {
        options.RootDirectory = "/Features";
        options.Conventions.AuthorizeFolder("/Organisations");
        options.Conventions.AllowAnonymousToPage("/Organisations/AcceptInvitation");
        options.Conventions.AuthorizeFolder("/Admin", "Admin");
        options.Conventions.AuthorizePage("/Account/ChangePassword");
        options.Conventions.AuthorizePage("/Menukaart/EditIntervention", MenukaartEditing.Policy);
        options.Conventions.AuthorizePage("/Menukaart/EditStory", MenukaartEditing.Policy);
    })
    .AddMvcOptions(options =>
    {
        options.Filters.Add<OrganisationTenancyFilter>();
        options.ModelBinderProviders.Insert(0, new Leerrijk.Web.Infrastructure.Forms.CheckboxModelBinderProvider());

        // jQuery-style keys ("a[b]") are not used by any form, and the reader throws on a malformed one (found by fuzzing).
        var jQueryStyle = options.ValueProviderFactories
            .Where(f => f is Microsoft.AspNetCore.Mvc.ModelBinding.JQueryFormValueProviderFactory or Microsoft.AspNetCore.Mvc.ModelBinding.JQueryQueryStringValueProviderFactory)
            .ToList();
        jQueryStyle.ForEach(f => options.ValueProviderFactories.Remove(f));
    })
    .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
    .AddViewLocalization();
builder.Services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>()
    .Configure<IStringLocalizerFactory>((mvc, factory) => LocalizationSetup.LocalizeModelBindingMessages(mvc.ModelBindingMessageProvider, factory));
builder.Services.AddAuthorizationBuilder()
    .AddPolicy("Admin", p => p.RequireRole(PlatformRoles.Admin))
    .AddPolicy(MenukaartEditing.Policy, p => p.RequireRole(PlatformRoles.Editor, PlatformRoles.Admin));
builder.Services.AddAntiforgery(o =>
{
    o.Cookie.Name = "Leerrijk.Antiforgery";
    o.Cookie.SameSite = SameSiteMode.Strict;
});
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemText.Describe);
builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
{
    document.Info.Title = "Leerrijk API";
    document.Info.Description = "Anonymous responses to learning-culture scans. Errors are RFC 9457 problem details.";
    return Task.CompletedTask;
}));
builder.Services.AddHealthChecks().AddDbContextCheck<LeerrijkDbContext>("database");
builder.Services.AddLeerrijkRateLimiting(builder.Configuration);

builder.Services.AddSingleton(builder.Configuration.GetSection(AdmissionOptions.Section).Get<AdmissionOptions>() ?? new AdmissionOptions());
var requestLimits = builder.Configuration.GetSection(RequestLimitOptions.Section).Get<RequestLimitOptions>() ?? new RequestLimitOptions();
builder.Services.AddSingleton(requestLimits);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = requestLimits.MaxBodyBytes);
builder.Services.Configure<FormOptions>(o =>
{
    o.ValueCountLimit = 500;
    o.ValueLengthLimit = (int)requestLimits.MaxBodyBytes;
    o.MultipartBodyLengthLimit = requestLimits.MaxBodyBytes;
});
builder.Services.AddHsts(o =>
{
    o.MaxAge = TimeSpan.FromDays(365);
    o.IncludeSubDomains = true;
});

var app = builder.Build();

app.UseMiddleware<SecurityHeadersMiddleware>();
if (!app.Environment.IsDevelopment())
{
    // An unexpected error is a 500 page (problem details for the API) without internals; a database that is
    // briefly away is a 503 with Retry-After (DatabaseOutage).
    app.UseWhen(IsApiRequest, api => api.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = DatabaseOutage.StatusCodeFor }));
    app.UseWhen(c => !IsApiRequest(c), web => web.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandlingPath = "/error/500",
        StatusCodeSelector = DatabaseOutage.StatusCodeFor,
    }));
    app.UseHsts();
}

// API callers get RFC 9457 problem details; people get a page in their language that says what to do.
app.UseWhen(IsApiRequest, api => api.UseStatusCodePages());
app.UseWhen(c => !IsApiRequest(c), web => web.UseStatusCodePagesWithReExecute("/error/{0}"));
app.UseMiddleware<RequestLimitMiddleware>();
app.UseRequestLocalization();
app.UseMiddleware<AdmissionControl>();
app.UseRouting();
app.UseAuthentication();
app.UseClientIdCookie();
app.UseRateLimiter();
app.UseAuthorization();

app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapHealthChecks("/health").DisableRateLimiting();
app.MapResponsesApi();
app.MapReportsApi();
app.MapOpenApi("/api/openapi/{documentName}.json");

app.Run();

// Issue #12 (strict input): a browser asking for a page at an API address gets the error page, not plain text.
static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !ProblemText.WantsPage(context);
