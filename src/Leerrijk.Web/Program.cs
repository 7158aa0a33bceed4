using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Account;
using Leerrijk.Web.Features.ActionPlan;
using Leerrijk.Web.Features.Admin;
using Leerrijk.Web.Features.Anonymity;
using Leerrijk.Web.Features.Answering;
using Leerrijk.Web.Features.Api;
using Leerrijk.Web.Features.Communities;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Demo;
using Leerrijk.Web.Features.Erasure;
using Leerrijk.Web.Features.Funding;
using Leerrijk.Web.Features.Instruments;
using Leerrijk.Web.Features.Menukaart;
using Leerrijk.Web.Features.Norms;
using Leerrijk.Web.Features.Organisations;
using Leerrijk.Web.Features.PersonalInvitations;
using Leerrijk.Web.Features.Privacy;
using Leerrijk.Web.Features.Programmes;
using Leerrijk.Web.Features.QuickScan;
using Leerrijk.Web.Features.Reference;
using Leerrijk.Web.Features.Reports;
using Leerrijk.Web.Features.Responses;
using Leerrijk.Web.Features.Rounds;
using Leerrijk.Web.Features.Support;
using Leerrijk.Web.Features.Tracks;
using Leerrijk.Web.Features.Webhooks;
using Leerrijk.Web.Features.Wegwijzer;
using Leerrijk.Web.Infrastructure;
using Leerrijk.Web.Infrastructure.Delivery;
using Leerrijk.Web.Infrastructure.Localization;
using Leerrijk.Web.Infrastructure.Mail;
using Leerrijk.Web.Infrastructure.Observability;
using Leerrijk.Web.Infrastructure.Pdf;
using Leerrijk.Web.Infrastructure.Security;

var builder = WebApplication.CreateBuilder(args);
var configuration = builder.Configuration;

// Cross-cutting: hosting, database, security, mail, PDF, pages and API conventions.
builder.Logging.AddLeerrijkLogging(builder.Environment);
builder.Services.AddPublicLinks(configuration, builder.Environment);
builder.Services.AddLeerrijkDatabase(configuration, builder.Environment.ContentRootPath);
builder.Services.AddLeerrijkSecurity(configuration);
builder.Services.AddLeerrijkMail(configuration, builder.Environment.ContentRootPath);
builder.Services.AddLeerrijkPdf(configuration);
builder.Services.AddLeerrijkLanguages(configuration);
builder.Services.AddLeerrijkPages();
builder.Services.AddLeerrijkApi();
builder.Services.AddLeerrijkCompression();
builder.Services.AddLeerrijkObservability(configuration);

// What Leerrijk can do.
builder.Services.AddLeerrijkAccounts(builder.Environment);
builder.Services.AddApiTokens();
builder.Services.AddAdmin();
builder.Services.AddOrganisations();
builder.Services.AddSupportOrganisations();
builder.Services.AddConsent();
builder.Services.AddFunding();
builder.Services.AddReferenceData();
builder.Services.AddInstruments(configuration);
builder.Services.AddMenukaart(configuration);
builder.Services.AddWegwijzer(configuration);
builder.Services.AddQuickScan();
builder.Services.AddRounds();
builder.Services.AddAnswering();
builder.Services.AddResponses();
builder.Services.AddPersonalInvitations();
builder.Services.AddAnonymity(configuration);
builder.Services.AddReports();
builder.Services.AddTracks();
builder.Services.AddProgrammes(configuration);
builder.Services.AddNorms();
builder.Services.AddCommunities(configuration);
builder.Services.AddWebhooks(configuration);
builder.Services.AddPrivacy(configuration);
builder.Services.AddErasure(configuration);
builder.Services.AddDemo();

var app = builder.Build();

app.UseMiddleware<SecurityHeadersMiddleware>();

// Outermost after the headers, so error pages are compressed too and static files (answered by routing) see it.
app.UseResponseCompression();
if (!app.Environment.IsDevelopment())
{
    // An unexpected error is a 500 page (problem details for the API) without internals; a database that is
    // briefly away is a 503 with Retry-After (DatabaseOutage).
    app.UseWhen(WebSetup.IsApiRequest, api => api.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = DatabaseOutage.StatusCodeFor }));
    app.UseWhen(c => !WebSetup.IsApiRequest(c), web => web.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandlingPath = "/error/500",
        StatusCodeSelector = DatabaseOutage.StatusCodeFor,
    }));
    app.UseHsts();
}

// API callers get RFC 9457 problem details; people get a page in their language that says what to do.
app.UseWhen(WebSetup.IsApiRequest, api => api.UseStatusCodePages());
app.UseWhen(c => !WebSetup.IsApiRequest(c), web => web.UseStatusCodePagesWithReExecute("/error/{0}"));
app.UseMiddleware<RequestLimitMiddleware>();
app.UseRequestLocalization();
app.UseMiddleware<AdmissionControl>();
app.UseAnsweringLanguage();
app.UseRouting();
app.UseAuthentication();
app.UseClientIdCookie();
app.UseRateLimiter();
app.UseAuthorization();
app.UseTwoFactorRequirement();

app.MapLeerrijkStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapLeerrijkHealth();
app.MapResponses();
app.MapRounds();
app.MapReports();
app.MapActionPlan();
app.MapCaseload();
app.MapProgrammes();
app.MapWegwijzer();
app.MapLeerrijkApiDocument();
app.MapApiReference();

app.Run();
