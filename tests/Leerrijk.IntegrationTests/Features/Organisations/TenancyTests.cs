using System.Net;
using System.Reflection;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Organisations;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Leerrijk.IntegrationTests.Features.Organisations;

/// <summary>
/// A member of organisation B must get 404 for every page, API endpoint and object of organisation A. Routes,
/// endpoints and tables are discovered from the running app, so a new page, handler, endpoint or table without an
/// expectation here fails.
/// </summary>
public sealed class TenancyTests(LeerrijkAppFactory app) : IClassFixture<LeerrijkAppFactory>
{
    /// <summary>Every request an organisation page accepts. Object ids come from organisation A.</summary>
    private static readonly OrgRequest[] Expectations =
    [
        new("o/{orgId:guid}", "GET", null, Adviser: ConsentScope.ReadReports),
        new("o/{orgId:guid}/settings", "GET", null),
        new("o/{orgId:guid}/settings", "POST", null),
        new("o/{orgId:guid}/settings", "POST", "Retention"),
        new("o/{orgId:guid}/verwijderen", "GET", null),
        new("o/{orgId:guid}/verwijderen", "POST", null),
        new("o/{orgId:guid}/verwijderen", "POST", "Cancel"),
        new("o/{orgId:guid}/members", "GET", null),
        new("o/{orgId:guid}/members", "POST", "Invite"),
        new("o/{orgId:guid}/members", "POST", "Revoke", ids => new() { ["invitationId"] = ids.Invitation.ToString() }),
        new("o/{orgId:guid}/members", "POST", "Role", ids => new() { ["membershipId"] = ids.Membership.ToString(), ["role"] = "Viewer" }),
        new("o/{orgId:guid}/members", "POST", "Remove", ids => new() { ["membershipId"] = ids.Membership.ToString() }),
        new("o/{orgId:guid}/plan", "GET", null, Adviser: ConsentScope.ReadReports),
        new("o/{orgId:guid}/plan", "POST", "Add", ids => new() { ["slug"] = "meelopen", ["roundId"] = ids.Round.ToString() }, Adviser: ConsentScope.WorkOnPlan),
        new("o/{orgId:guid}/plan", "POST", "Create", null, Adviser: ConsentScope.WorkOnPlan),
        new("o/{orgId:guid}/plan", "POST", "Update", ids => new() { ["stepId"] = ids.Step.ToString(), ["Input.Status"] = "Dropped", ["Input.Version"] = "0" }, Adviser: ConsentScope.WorkOnPlan),
        new("o/{orgId:guid}/plan", "POST", "AddIndicator", null, Adviser: ConsentScope.WorkOnPlan),
        new("o/{orgId:guid}/plan", "POST", "UpdateIndicator", ids => new() { ["indicatorId"] = ids.Indicator.ToString(), ["EditIndicator.Baseline"] = "99", ["EditIndicator.BaselineOn"] = "2025-01-01", ["EditIndicator.Target"] = "100", ["EditIndicator.TargetOn"] = "2026-12-31", ["EditIndicator.Version"] = "0" }, Adviser: ConsentScope.WorkOnPlan),
        new("o/{orgId:guid}/plan", "POST", "DeleteIndicator", ids => new() { ["indicatorId"] = ids.Indicator.ToString(), ["EditIndicator.Version"] = "0" }, Adviser: ConsentScope.WorkOnPlan),
        new("o/{orgId:guid}/plan", "POST", "AddMeasurement", ids => new() { ["indicatorId"] = ids.Indicator.ToString(), ["Measurement.MeasuredOn"] = "2025-06-01", ["Measurement.Value"] = "50" }, Adviser: ConsentScope.WorkOnPlan),
        new("o/{orgId:guid}/plan", "POST", "DeleteMeasurement", ids => new() { ["measurementId"] = ids.Measurement.ToString() }, Adviser: ConsentScope.WorkOnPlan),
        new("o/{orgId:guid}/vouchers", "GET", null, Adviser: ConsentScope.ReadReports),
        new("o/{orgId:guid}/vouchers", "POST", "Add", ids => new() { ["Input.Scheme"] = "Overgenomen", ["Input.Purpose"] = "Overgenomen", ["Input.Status"] = "Idea", ["Input.ActionStepId"] = ids.Step.ToString() }, Adviser: ConsentScope.WorkOnPlan),
        new("o/{orgId:guid}/vouchers/{voucherId:guid}", "GET", null, RouteValues: ids => new() { ["voucherId"] = ids.Voucher.ToString() }, Adviser: ConsentScope.WorkOnPlan),
        new("o/{orgId:guid}/vouchers/{voucherId:guid}", "POST", null, ids => new() { ["Input.Scheme"] = "Overgenomen", ["Input.Purpose"] = "Overgenomen", ["Input.Status"] = "Idea", ["Input.Version"] = "0" }, RouteValues: ids => new() { ["voucherId"] = ids.Voucher.ToString() }, Adviser: ConsentScope.WorkOnPlan),
        new("o/{orgId:guid}/track", "GET", null, Adviser: ConsentScope.ReadReports),
        new("o/{orgId:guid}/track", "POST", "Start", null, Adviser: ConsentScope.WorkOnPlan),
        new("o/{orgId:guid}/track", "POST", "Stage", ids => new() { ["TrackId"] = ids.Track.ToString(), ["Mark.Stage"] = "CloseOut", ["Mark.ReachedOn"] = Today() }, Adviser: ConsentScope.WorkOnPlan),
        new("o/{orgId:guid}/track", "POST", "ClearStage", ids => new() { ["TrackId"] = ids.Track.ToString(), ["Mark.Stage"] = "Intake" }, Adviser: ConsentScope.WorkOnPlan),
        new("o/{orgId:guid}/track", "POST", "Save", ids => new() { ["TrackId"] = ids.Track.ToString(), ["Input.Budget"] = "1", ["Input.FollowUpDueOn"] = Today() }, Adviser: ConsentScope.WorkOnPlan),
        new("o/{orgId:guid}/track", "POST", "Hours", ids => new() { ["TrackId"] = ids.Track.ToString(), ["Hours.On"] = Today(), ["Hours.Hours"] = "1", ["Hours.Activity"] = "Indringer" }, Adviser: ConsentScope.WorkOnPlan),
        new("o/{orgId:guid}/track", "POST", "Note", ids => new() { ["TrackId"] = ids.Track.ToString(), ["Note.On"] = Today(), ["Note.Text"] = "Indringer" }, Adviser: ConsentScope.WorkOnPlan),
        new("o/{orgId:guid}/rounds", "GET", null, Adviser: ConsentScope.ReadReports),
        new("o/{orgId:guid}/rounds/new", "GET", null, Adviser: ConsentScope.ManageRounds),
        new("o/{orgId:guid}/rounds/new", "POST", null, Adviser: ConsentScope.ManageRounds),
        new("o/{orgId:guid}/rounds/{roundId:guid}", "GET", null, RouteValues: ids => new() { ["roundId"] = ids.Round.ToString() }, Adviser: ConsentScope.ReadReports),
        new("o/{orgId:guid}/rounds/{roundId:guid}", "POST", "Close", RouteValues: ids => new() { ["roundId"] = ids.Round.ToString() }, Adviser: ConsentScope.ManageRounds),
        new("o/{orgId:guid}/rounds/{roundId:guid}", "POST", "Agreement", ids => new() { ["Agreement.AgreedOn"] = Today(), ["Agreement.Body"] = "WorksCouncil", ["Agreement.Note"] = "Indringer" }, RouteValues: ids => new() { ["roundId"] = ids.Round.ToString() }), // owner only, advisers never (AdviserScope None)
        new("o/{orgId:guid}/rounds/{roundId:guid}/verwijderen", "GET", null, RouteValues: ids => new() { ["roundId"] = ids.Round.ToString() }),
        new("o/{orgId:guid}/rounds/{roundId:guid}/verwijderen", "POST", null, ids => new() { ["Input.Confirmed"] = "true" }, RouteValues: ids => new() { ["roundId"] = ids.Round.ToString() }),
        new("o/{orgId:guid}/rounds/{roundId:guid}/poster", "GET", null, RouteValues: ids => new() { ["roundId"] = ids.Round.ToString() }, Adviser: ConsentScope.ManageRounds),
        new("o/{orgId:guid}/rounds/{roundId:guid}/or-informatie", "GET", null, RouteValues: ids => new() { ["roundId"] = ids.Round.ToString() }, Adviser: ConsentScope.ReadReports),
        new("o/{orgId:guid}/rounds/new/or-informatie", "GET", null, Adviser: ConsentScope.ManageRounds),
        new("o/{orgId:guid}/rounds/{roundId:guid}/invitations", "GET", null, RouteValues: ids => new() { ["roundId"] = ids.Round.ToString() }, Adviser: ConsentScope.ManageRounds),
        new("o/{orgId:guid}/rounds/{roundId:guid}/report", "GET", null, RouteValues: ids => new() { ["roundId"] = ids.Round.ToString() }, Adviser: ConsentScope.ReadReports),
        new("o/{orgId:guid}/rounds/{roundId:guid}/report", "GET", "Xlsx", RouteValues: ids => new() { ["roundId"] = ids.Round.ToString() }, Adviser: ConsentScope.ReadReports),
        new("o/{orgId:guid}/rounds/{roundId:guid}/report", "GET", "Csv", RouteValues: ids => new() { ["roundId"] = ids.Round.ToString() }, Adviser: ConsentScope.RawAnswers),
        new("o/{orgId:guid}/rounds/{roundId:guid}/report", "GET", "Spss", RouteValues: ids => new() { ["roundId"] = ids.Round.ToString() }, Adviser: ConsentScope.RawAnswers),
        new("o/{orgId:guid}/rounds/{roundId:guid}/report", "GET", "Pdf", RouteValues: ids => new() { ["roundId"] = ids.Round.ToString() }, Adviser: ConsentScope.ReadReports),
        new("o/{orgId:guid}/rounds/{roundId:guid}/invitations", "POST", "Invite", ids => new() { ["Addresses"] = "indringer@example.test" }, RouteValues: ids => new() { ["roundId"] = ids.Round.ToString() }, Adviser: ConsentScope.ManageRounds),
        new("o/{orgId:guid}/rounds/{roundId:guid}/invitations", "POST", "Remind", RouteValues: ids => new() { ["roundId"] = ids.Round.ToString() }, Adviser: ConsentScope.ManageRounds),
        new("o/{orgId:guid}/support", "GET", null),
        new("o/{orgId:guid}/support/new", "GET", null),
        new("o/{orgId:guid}/support/new", "POST", null),
        new("o/{orgId:guid}/support/{grantId:guid}", "GET", null, RouteValues: ids => new() { ["grantId"] = ids.Grant.ToString() }),
        new("o/{orgId:guid}/support/{grantId:guid}", "POST", "Update", ids => new() { ["Input.Scopes"] = "RawAnswers", ["Input.EndsOn"] = "2030-01-01" }, RouteValues: ids => new() { ["grantId"] = ids.Grant.ToString() }),
        new("o/{orgId:guid}/support/{grantId:guid}", "POST", "Revoke", ids => new() { ["confirmed"] = "true" }, RouteValues: ids => new() { ["grantId"] = ids.Grant.ToString() }),
        new("o/{orgId:guid}/programmas", "GET", null),
        new("o/{orgId:guid}/programmas", "POST", "Choices", ids => new() { ["participantId"] = ids.Participant.ToString(), ["Choices.SharesResults"] = "false", ["Choices.InNormPool"] = "false" }),
        new("o/{orgId:guid}/programmas", "POST", "Leave", ids => new() { ["participantId"] = ids.Participant.ToString(), ["confirmed"] = "true" }),
        new("o/{orgId:guid}/leergemeenschappen", "GET", null),
        new("o/{orgId:guid}/leergemeenschappen/nieuw", "GET", null),
        new("o/{orgId:guid}/leergemeenschappen/nieuw", "POST", null),
        new("o/{orgId:guid}/webhooks", "GET", null),
        new("o/{orgId:guid}/webhooks", "POST", "Add"),
        new("o/{orgId:guid}/webhooks", "POST", "Enable", ids => new() { ["subscriptionId"] = ids.Subscription.ToString() }),
        new("o/{orgId:guid}/webhooks", "POST", "Disable", ids => new() { ["subscriptionId"] = ids.Subscription.ToString() }),
        new("o/{orgId:guid}/webhooks", "POST", "Delete", ids => new() { ["subscriptionId"] = ids.Subscription.ToString(), ["confirmed"] = "true" }),
        new("o/{orgId:guid}/webhooks", "POST", "Resend", ids => new() { ["deliveryId"] = ids.Delivery.ToString() }),
    ];

    /// <summary>Every API endpoint under the tenancy rule (<see cref="OrganisationEndpoint"/>). Object ids come from organisation A.</summary>
    private static readonly ApiRequest[] ApiExpectations =
    [
        new("GET", "/api/v1/rounds/{id:guid}/report", a => $"/api/v1/rounds/{a.Ids.Round}/report", ConsentScope.ReadReports),
        new("GET", "/api/v1/organisations/{orgId:guid}/rounds", a => $"/api/v1/organisations/{a.Id}/rounds", ConsentScope.ReadReports),
        new("POST", "/api/v1/organisations/{orgId:guid}/rounds", a => $"/api/v1/organisations/{a.Id}/rounds", ConsentScope.ManageRounds),
        new("POST", "/api/v1/rounds/{id:guid}/close", a => $"/api/v1/rounds/{a.Ids.Round}/close", ConsentScope.ManageRounds),
        new("GET", "/api/v1/organisations/{orgId:guid}/plan", a => $"/api/v1/organisations/{a.Id}/plan", ConsentScope.ReadReports),
    ];

    /// <summary>
    /// Every other endpoint, each outside any organisation: public (answering, the responses API, health, the OpenAPI
    /// document, content) or about one's own account. None may name an organisation; adding one here is a decision.
    /// </summary>
    private static readonly string[] OutsideAnyOrganisation =
    [
        "* /health",
        "* /health/live",
        "* /health/ready",
        "GET /api/openapi/{documentName}.json",
        "GET /api/{documentName?}", // the API reference (Scalar) and its files
        "GET /api/favicon.svg",
        "GET /api/scalar.aspnetcore.js",
        "GET /api/scalar.js",
        "GET /api/v1/support/{supportId:guid}/caseload", // support membership and consent (ApiTests)
        "GET /api/v1/programmes/{programmeId:guid}/figures", // programme readers (ApiTests)
        "page account/api-sleutels", // one's own tokens
        "page account/gegevens", // one's own data: download it, delete the account
        "GET,HEAD,PUT,PATCH,DELETE /api/v1/s/{code}/responses", // answers 405 with Allow: POST
        "POST /api/v1/s/{code}/responses",
        "GET /wegwijzer/{region}.ics",
        "page ",
        "page Account/AccessDenied",
        "page Account/ChangePassword",
        "page Account/CheckEmail",
        "page Account/ConfirmEmail",
        "page Account/ForgotPassword",
        "page Account/Login",
        "page Account/LoginWith2fa",
        "page Account/LoginWithRecoveryCode",
        "page Account/Logout",
        "page Account/Register",
        "page Account/ResendConfirmation",
        "page Account/ResetPassword",
        "page Account/TwoFactor",
        "page admin/support",
        "page admin/users",
        "page connect/{token}",
        "page programma-uitnodiging/{token}",
        "page leergemeenschap/{communityId:guid}/cyclus",
        "page programma/{programmeId:guid}/beheerders",
        "page programma/{programmeId:guid}/bewerken",
        "page programma/{programmeId:guid}/deelnemers",
        "page error/{code:int?}",
        "page instrumenten",
        "page leergemeenschap-uitnodiging/{token}",
        "page leergemeenschap/{communityId:guid}",
        "page leergemeenschap/{communityId:guid}/bewerken",
        "page leergemeenschap/{communityId:guid}/deelname",
        "page leergemeenschap/{communityId:guid}/leden",
        "page leergemeenschappen",
        "page leergemeenschappen/{id:guid}",
        "page instrumenten/{id}",
        "page invitations/accept",
        "page language",
        "page menukaart",
        "page menukaart/nieuw",
        "page menukaart/{slug}",
        "page menukaart/{slug}/bewerken",
        "page normen",
        "page privacy", // the public privacy statement
        "page organisations",
        "page organisations/new",
        "page programma/{programmeId:guid}",
        "page leergemeenschap/{communityId:guid}/sessies/nieuw", // CommunityTenancyFilter; SessionTests
        "page leergemeenschap/{communityId:guid}/sessies/{sessionId:guid}", // CommunityTenancyFilter; SessionTests
        "page s/{code}",
        "page support",
        "page support/{supportId:guid}",
        "page s/{code}/bedankt",
        "page s/{code}/hervatten",
        "page s/{code}/u/{token}",
        "page wegwijzer",
        "page wegwijzer/gids",
        "page wegwijzer/regios",
        "page wegwijzer/redactie",
        "page wegwijzer/redactie/nieuw",
        "page wegwijzer/redactie/{slug}",
        "page s/{code}/{number:int}",
        "page snelscan",
        "page support/{supportId:guid}/connect",
        "page support/{supportId:guid}/profile",
        "page support/{supportId:guid}/budgets",
        "page support/{supportId:guid}/programmas",
        "page support/{supportId:guid}/programmas/nieuw",
        "page support/{supportId:guid}/leergemeenschappen",
        "page support/{supportId:guid}/leergemeenschappen/nieuw",
        "page support/{supportId:guid}/webhooks", // SupportTenancyFilter, coordinators only; WebhookConsentTests
        "page webhooks/uitleg", // the public guide to checking signatures
        "page verhalen",
        "page verhalen/nieuw",
        "page verhalen/voorstellen",
        "page verhalen/{slug}",
        "page verhalen/{slug}/bewerken",
    ];

    /// <summary>Tables that are not organisation data: accounts, roles, keys, and the organisation row itself (filtered on its id).</summary>
    private static readonly Type[] PlatformTables =
    [
        typeof(Leerrijk.Web.Features.Account.ApplicationUser), typeof(IdentityRole<Guid>), typeof(IdentityUserRole<Guid>),
        typeof(IdentityUserClaim<Guid>), typeof(IdentityUserLogin<Guid>), typeof(IdentityUserToken<Guid>),
        typeof(IdentityRoleClaim<Guid>), typeof(DataProtectionKey), typeof(Organisation), typeof(Leerrijk.Web.Features.Menukaart.MenukaartEntry),
        typeof(Leerrijk.Web.Features.Support.SupportOrganisation), typeof(Leerrijk.Web.Features.Support.SupportMembership),
        typeof(Leerrijk.Web.Features.Consent.ConnectionRequest), typeof(Leerrijk.Web.Features.Funding.SchemeBudget), typeof(Leerrijk.Web.Features.Wegwijzer.OfferEntry), typeof(Leerrijk.Web.Features.Wegwijzer.OfferChange),
        typeof(Leerrijk.Web.Features.Norms.NormBand), typeof(Leerrijk.Web.Features.Norms.NormRefresh),

        // A person's own API tokens, each bound to one organisation or support organisation (ApiTokenTests).
        typeof(Leerrijk.Web.Features.Api.ApiToken),

        // A programme and its published figures belong to the support organisation that runs it (ProgrammeTenancyFilter);
        // a participant row is the company's choice towards one programme, read by that programme and by the company's owner.
        typeof(Leerrijk.Web.Features.Programmes.Programme), typeof(Leerrijk.Web.Features.Programmes.ProgrammeManager),
        typeof(Leerrijk.Web.Features.Programmes.ProgrammeParticipant), typeof(Leerrijk.Web.Features.Programmes.ProgrammeSnapshot),

        // A community belongs to whoever runs it and its members (CommunityTenancyFilter); what a company brings to it
        // (its question, a shared summary, a lesson) is shared with the community on purpose. Its steps to try stay
        // ActionSteps of the company. A story draft is platform content under review.
        typeof(Leerrijk.Web.Features.Communities.Community), typeof(Leerrijk.Web.Features.Communities.CommunityMember),
        typeof(Leerrijk.Web.Features.Communities.CommunitySession), typeof(Leerrijk.Web.Features.Communities.SessionAttendance),
        typeof(Leerrijk.Web.Features.Communities.CommunityLesson), typeof(Leerrijk.Web.Features.Menukaart.StoryDraft),

        // A webhook subscription belongs to the company or the support organisation that made it (exactly one is set);
        // its pages find it only through their own tenancy filter's organisation. Its deliveries and attempts hang off
        // it. The events themselves are company data (IOrganisationScoped).
        typeof(Leerrijk.Web.Features.Webhooks.WebhookSubscription), typeof(Leerrijk.Web.Features.Webhooks.WebhookDelivery),
        typeof(Leerrijk.Web.Features.Webhooks.WebhookAttempt),
    ];

    [Fact]
    public void Every_organisation_route_and_handler_has_an_expectation()
    {
        var discovered = OrganisationPages()
            .SelectMany(p => Handlers(p.ModelType).Select(h => $"{h.Method} {p.Route} {h.Handler}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var expected = Expectations.Select(e => $"{e.Method} {e.Route} {e.Handler}").Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(discovered);
        Assert.Equal(expected, discovered);
    }

    [Fact]
    public void Every_organisation_handler_admits_advisers_for_exactly_the_expected_scope()
    {
        var discovered = OrganisationPages()
            .SelectMany(p => Handlers(p.ModelType).Select(h => $"{h.Method} {p.Route} {h.Handler} -> {AdviserScopeOf(p.ModelType, h.Method, h.Handler)}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var expected = Expectations.Select(e => $"{e.Method} {e.Route} {e.Handler} -> {e.Adviser}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, discovered);

        var api = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Organisation: e.Metadata.GetMetadata<OrganisationEndpoint>()))
            .Where(e => e.Organisation is not null)
            .Select(e => $"{string.Join(",", e.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])} /{e.Endpoint.RoutePattern.RawText!.TrimStart('/')} -> {e.Organisation!.AdviserScope}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(ApiExpectations.Select(e => $"{e.Method} {e.Route} -> {e.Adviser}").Order(StringComparer.Ordinal), api);
    }

    [Fact]
    public void Every_endpoint_is_an_organisation_endpoint_with_an_expectation_or_listed_as_outside_any_organisation()
    {
        var organisationApi = new List<string>();
        var outside = new List<string>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null)
            {
                continue; // files under wwwroot
            }

            var route = endpoint.RoutePattern.RawText!;
            var page = endpoint.Metadata.GetMetadata<ActionDescriptor>() as PageActionDescriptor;
            if (page is not null && endpoint.RoutePattern.GetParameter(OrganisationTenancyFilter.RouteKey) is not null)
            {
                continue; // organisation pages: Every_organisation_route_and_handler_has_an_expectation
            }

            var key = page is not null
                ? $"page {route}"
                : $"{string.Join(",", endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])} {(route.StartsWith('/') ? route : "/" + route)}";
            if (endpoint.Metadata.GetMetadata<OrganisationEndpoint>() is not null)
            {
                organisationApi.Add(key);
                continue;
            }

            Assert.True(
                endpoint.RoutePattern.GetParameter(OrganisationTenancyFilter.RouteKey) is null,
                $"{key} names an organisation but is neither a page nor under the tenancy rule: add .RequireOrganisationAccess(...)");
            outside.Add(key);
        }

        Assert.Equal(ApiExpectations.Select(e => $"{e.Method} {e.Route}").Order(StringComparer.Ordinal), organisationApi.Order(StringComparer.Ordinal));
        var discovered = outside.Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(
            OutsideAnyOrganisation.Order(StringComparer.Ordinal).SequenceEqual(discovered),
            "Endpoints outside any organisation differ from the list. Discovered:\n" + string.Join("\n", discovered));
    }

    [Fact]
    public async Task A_member_of_another_organisation_gets_404_from_every_organisation_endpoint_of_the_api()
    {
        var a = await SeedOrganisationAsync();
        var b = await SeedOrganisationAsync();
        var outsider = await app.LoggedInClientAsync(b.OwnerEmail);
        var member = await app.LoggedInClientAsync(a.OwnerEmail);

        // With the log-in cookie (reading only: the API takes changes by token alone) and with each owner's own token.
        var outsiderToken = await app.TokenClientAsync(b.OwnerEmail, b.Id, null, AllScopes);
        var memberToken = await app.TokenClientAsync(a.OwnerEmail, a.Id, null, AllScopes);
        foreach (var (request, asOutsider) in ApiExpectations.Where(r => r.Method == "GET").Select(r => (r, outsider))
                     .Concat(ApiExpectations.Select(r => (r, outsiderToken))))
        {
            var refused = await asOutsider.SendAsync(ApiMessage(request, a));
            Assert.True(refused.StatusCode == HttpStatusCode.NotFound, $"{request} as a member of B on A gave {(int)refused.StatusCode}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        await AssertOrganisationAUnchangedAsync(a);

        // The same requests by a member of A are served, so the 404s above are the tenancy rule and not broken URLs.
        foreach (var (request, asMember) in ApiExpectations.Where(r => r.Method == "GET").Select(r => (r, member))
                     .Concat(ApiExpectations.Select(r => (r, memberToken))))
        {
            var served = await asMember.SendAsync(ApiMessage(request, a));
            Assert.True(served.IsSuccessStatusCode, $"{request} as a member of A gave {(int)served.StatusCode}: {await served.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task Anonymous_callers_of_the_api_get_401_for_every_organisation_endpoint()
    {
        var a = await SeedOrganisationAsync();
        var anonymous = app.CreateBrowserClient();

        foreach (var request in ApiExpectations)
        {
            var response = await anonymous.SendAsync(ApiMessage(request, a));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{request} anonymously gave {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_member_of_another_organisation_gets_404_for_every_page_and_handler()
    {
        var a = await SeedOrganisationAsync();
        var b = await SeedOrganisationAsync();
        var outsider = await app.LoggedInClientAsync(b.OwnerEmail);

        foreach (var request in Expectations)
        {
            var response = await SendAsync(outsider, request, a.Id, a);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{request} as a member of B on A gave {(int)response.StatusCode}");
        }

        await AssertOrganisationAUnchangedAsync(a);
    }

    [Fact]
    public async Task Objects_of_another_organisation_are_not_found_through_ones_own_organisation()
    {
        var a = await SeedOrganisationAsync();
        var b = await SeedOrganisationAsync();
        var ownerOfB = await app.LoggedInClientAsync(b.OwnerEmail);

        foreach (var request in Expectations.Where(e => e.NamesObjects))
        {
            var response = await SendAsync(ownerOfB, request, b.Id, a);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{request} on B with A's object ids gave {(int)response.StatusCode}");
        }

        await AssertOrganisationAUnchangedAsync(a);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_log_in()
    {
        var a = await SeedOrganisationAsync();
        var anonymous = app.CreateBrowserClient();

        foreach (var request in Expectations)
        {
            var response = await SendAsync(anonymous, request, a.Id, a, tokenPage: "/");
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{request} anonymously gave {(int)response.StatusCode}");
            Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unknown_and_malformed_organisation_ids_are_404()
    {
        var a = await SeedOrganisationAsync();
        var client = await app.LoggedInClientAsync(a.OwnerEmail);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/o/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/o/not-a-guid")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/o/{a.Id}")).StatusCode);
    }

    [Fact]
    public void Every_table_with_organisation_data_is_scoped_and_filtered()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();

        foreach (var entityType in db.Model.GetEntityTypes())
        {
            var clr = entityType.ClrType;
            if (PlatformTables.Contains(clr))
            {
                continue;
            }

            Assert.True(typeof(IOrganisationScoped).IsAssignableFrom(clr), $"{clr.Name} is neither platform data nor IOrganisationScoped");
            Assert.NotNull(entityType.FindProperty(nameof(IOrganisationScoped.OrganisationId)));
            Assert.NotEmpty(entityType.GetDeclaredQueryFilters());
        }
    }

    [Fact]
    public async Task Inside_one_organisation_the_rows_of_another_do_not_exist()
    {
        var a = await SeedOrganisationAsync();
        var b = await SeedOrganisationAsync();
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(b.Id);
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();

        var scopedTypes = db.Model.GetEntityTypes().Select(t => t.ClrType).Where(typeof(IOrganisationScoped).IsAssignableFrom).ToList();
        Assert.NotEmpty(scopedTypes);
        foreach (var type in scopedTypes)
        {
            var method = typeof(TenancyTests).GetMethod(nameof(CountsAsync), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type);
            var (visibleOfA, allOfA, visibleOfB) = await (Task<(int, int, int)>)method.Invoke(null, [db, a.Id, b.Id])!;
            Assert.True(allOfA > 0, $"the test seeds no {type.Name} for organisation A: add it to SeedOrganisationAsync");
            Assert.Equal(0, visibleOfA);
            Assert.True(visibleOfB > 0, $"{type.Name} of the current organisation should stay visible");
        }

        Assert.Null(await db.Organisations.SingleOrDefaultAsync(o => o.Id == a.Id));
    }

    /// <summary>
    /// Contexts come from a pool (ADR 0029), so the one that served organisation B's request serves someone else next:
    /// it must follow the next scope's organisation, and a context taken from the pool directly has none.
    /// </summary>
    [Fact]
    public async Task A_context_reused_from_the_pool_never_carries_the_organisation_of_its_last_request()
    {
        const int Leases = 8;
        var a = await SeedOrganisationAsync();
        var b = await SeedOrganisationAsync();
        var usedForB = new List<LeerrijkDbContext>();
        var scopes = Enumerable.Range(0, Leases).Select(_ => app.Services.CreateScope()).ToList();
        foreach (var scope in scopes)
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(b.Id);
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            Assert.Null(await db.Organisations.SingleOrDefaultAsync(o => o.Id == a.Id));
            usedForB.Add(db);
        }

        scopes.ForEach(scope => scope.Dispose());

        // Held all at once, the next leases empty the pool, so they include contexts that served B. The app's own
        // background work may take one in between, hence "any".
        var nextScopes = Enumerable.Range(0, 4 * Leases).Select(_ => app.Services.CreateScope()).ToList();
        var next = nextScopes.Select(scope => scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>()).ToList();
        Assert.Contains(next, db => usedForB.Any(used => ReferenceEquals(used, db)));
        Assert.All(next, db => Assert.Null(db.CurrentOrganisationId));
        Assert.NotNull(await next[0].Organisations.SingleOrDefaultAsync(o => o.Id == a.Id));
        nextScopes[1].ServiceProvider.GetRequiredService<TenantContext>().Enter(a.Id);
        Assert.Null(await next[1].Organisations.SingleOrDefaultAsync(o => o.Id == b.Id));
        Assert.NotNull(await next[1].Organisations.SingleOrDefaultAsync(o => o.Id == a.Id));
        nextScopes.ForEach(scope => scope.Dispose());

        // Straight from the pool's factory, without a scope's tenant.
        var factoryType = typeof(IDbContextFactory<>).MakeGenericType(usedForB[0].GetType());
        var factory = app.Services.GetRequiredService(factoryType);
        var direct = Enumerable.Range(0, 4 * Leases)
            .Select(_ => (LeerrijkDbContext)factoryType.GetMethod(nameof(IDbContextFactory<LeerrijkDbContext>.CreateDbContext))!.Invoke(factory, null)!)
            .ToList();
        Assert.Contains(direct, db => next.Any(used => ReferenceEquals(used, db)));
        Assert.All(direct, db => Assert.Null(db.CurrentOrganisationId));
        direct.ForEach(db => db.Dispose());
    }

    /// <summary>The consent states an adviser's matrix runs through; every scope is also tried on its own.</summary>
    public static TheoryData<string> ConsentStates => new() { "none", "expired", "revoked", "ReadReports", "WorkOnPlan", "ManageRounds", "RawAnswers", "all" };

    [Theory]
    [MemberData(nameof(ConsentStates))]
    public async Task Advisers_reach_exactly_what_the_companys_consent_allows_and_every_admitted_request_is_logged(string state)
    {
        var a = await SeedOrganisationAsync();
        // The adviser works for the support organisation A's seeded track and grant belong to, so object ids resolve;
        // the seeded grant names no adviser and admits only coordinators.
        var adviser = await app.CreateUserAsync();
        Guid supportId;
        using (var scope = app.Services.CreateScope())
        {
            supportId = await scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>().ConsentGrants.Where(g => g.Id == a.Ids.Grant).Select(g => g.SupportOrganisationId).SingleAsync();
        }

        await app.AddSupportMemberAsync(supportId, adviser.Id, Leerrijk.Web.Features.Support.SupportRole.Adviser);
        var support = (Id: supportId, Name: "");
        var today = Leerrijk.Web.Infrastructure.Localization.LocalizationSetup.Today(TimeProvider.System);
        var granted = state switch
        {
            "none" => ConsentScope.None,
            "all" or "expired" or "revoked" => ConsentScope.ReadReports | ConsentScope.WorkOnPlan | ConsentScope.ManageRounds | ConsentScope.RawAnswers,
            _ => Enum.Parse<ConsentScope>(state),
        };
        if (state != "none")
        {
            var grant = await app.GrantAsync(a.Id, support.Id, adviser.Id, granted, state == "expired" ? today.AddDays(-1) : null);
            if (state == "revoked")
            {
                using var scope = app.Services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
                var stored = await db.ConsentGrants.SingleAsync(g => g.Id == grant.Id);
                stored.RevokedAtUtc = DateTime.UtcNow;
                await db.SaveChangesAsync();
            }
        }

        var active = state is not ("none" or "expired" or "revoked");
        var client = await app.LoggedInClientAsync(adviser.Email!);
        var admitted = 0;
        foreach (var request in Expectations)
        {
            var response = await SendAsync(client, request, a.Id, a, tokenPage: "/");
            var status = (int)response.StatusCode;

            // Pages answer "forbidden" the cookie way: a redirect to the access-denied page.
            var forbidden = status == 403 || (status == 302 && response.Headers.Location!.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal));
            if (!active)
            {
                Assert.True(status == 404, $"{request} with consent '{state}' gave {status}");
            }
            else if (request.Adviser is { } needed && granted.HasFlag(needed))
            {
                Assert.True(!forbidden && (status is >= 200 and < 400 || status is 400 or 409), $"{request} with {granted} (needs {needed}) gave {status}");
                admitted++;
            }
            else
            {
                Assert.True(forbidden, $"{request} with {granted} (needs {request.Adviser?.ToString() ?? "members only"}) gave {status}");
            }
        }

        // The API by log-in (reading) and by the support organisation's token (everything): the grant decides alike.
        var token = await app.TokenClientAsync(adviser.Email!, null, support.Id, AllScopes);
        foreach (var (request, caller) in ApiExpectations.Where(r => r.Method == "GET").Select(r => (r, client)).Concat(ApiExpectations.Select(r => (r, token))))
        {
            var response = await caller.SendAsync(ApiMessage(request, a));
            var status = (int)response.StatusCode;
            var expected = !active ? 404 : request.Adviser is { } needed && granted.HasFlag(needed) ? (request.Method == "POST" && request.Route.EndsWith("/rounds", StringComparison.Ordinal) ? 201 : 200) : 403;
            Assert.True(status == expected, $"{request} with consent '{state}' gave {status}, expected {expected}");
            admitted += expected is 200 or 201 ? 1 : 0;
        }

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
            var logged = await db.AccessLog.Where(e => e.OrganisationId == a.Id && e.UserId == adviser.Id).ToListAsync();
            Assert.Equal(admitted, logged.Count);
            Assert.All(logged, e => Assert.Equal(support.Id, e.SupportOrganisationId));
        }

        if (!active || granted == ConsentScope.ReadReports || granted == ConsentScope.RawAnswers)
        {
            await AssertOrganisationAUnchangedAsync(a);
        }
    }

    private static async Task<(int, int, int)> CountsAsync<T>(LeerrijkDbContext db, Guid a, Guid b)
        where T : class, IOrganisationScoped =>
    (
        await db.Set<T>().CountAsync(e => e.OrganisationId == a),
        await db.Set<T>().IgnoreQueryFilters().CountAsync(e => e.OrganisationId == a),
        await db.Set<T>().CountAsync(e => e.OrganisationId == b)
    );

    private async Task<SeededOrganisation> SeedOrganisationAsync()
    {
        var owner = await app.CreateUserAsync();
        var organisation = await app.CreateOrganisationAsync(owner.Id);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var invitation = new Invitation
        {
            OrganisationId = organisation.Id,
            Email = $"uitgenodigd-{Guid.NewGuid():N}@example.test",
            Role = OrganisationRole.Viewer,
            TokenHash = Invitation.HashToken(Invitation.NewToken()),
            InvitedByUserId = owner.Id,
            ExpiresAtUtc = DateTime.UtcNow.AddDays(1),
        };
        db.Invitations.Add(invitation);
        var round = new Leerrijk.Web.Features.Rounds.Round
        {
            OrganisationId = organisation.Id,
            Code = Leerrijk.Web.Features.Rounds.Round.NewCode(),
            Title = "Meting van A",
            InstrumentId = "leerrijk-teamscan",
            InstrumentVersion = 1,
            InstrumentFingerprint = "test",
            OpensOn = DateOnly.FromDateTime(DateTime.UtcNow),
            ClosesOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14),
            Roles = ["Employee"],
            Languages = ["nl"],
            AnonymityThreshold = 5,
            CreatedByUserId = owner.Id,
        };
        db.Rounds.Add(round);
        var responseId = Guid.NewGuid();
        db.Responses.Add(new Leerrijk.Web.Features.Responses.SurveyResponse
        {
            Id = responseId,
            OrganisationId = organisation.Id,
            RoundId = round.Id,
            Role = "Employee",
            SubmittedOn = round.OpensOn,
            ContentHash = "test",
            Answers = [new() { ResponseId = responseId, OrganisationId = organisation.Id, InstrumentId = "leerrijk-teamscan", ItemId = "fout-melden", Value = 4 }],
            Comments = [new() { ResponseId = responseId, OrganisationId = organisation.Id, RoundId = round.Id, QuestionId = "wat-helpt", Text = "Meelopen" }],
        });
        db.ResponseDrafts.Add(new Leerrijk.Web.Features.Answering.ResponseDraft
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisation.Id,
            RoundId = round.Id,
            ResumeCodeHash = Leerrijk.Web.Features.Answering.ResponseDraft.HashResumeCode(round.Id, Leerrijk.Web.Features.Answering.ResponseDraft.NewResumeCode()),
            Role = "Employee",
            UpdatedOn = round.OpensOn,
        });
        db.PersonalInvitations.Add(new Leerrijk.Web.Features.PersonalInvitations.PersonalInvitation
        {
            OrganisationId = organisation.Id,
            RoundId = round.Id,
            Email = $"medewerker-{Guid.NewGuid():N}@example.test",
            CodeHash = Leerrijk.Web.Features.PersonalInvitations.PersonalInvitation.HashCode(Leerrijk.Web.Features.PersonalInvitations.PersonalInvitation.NewCode()),
            InvitedOn = round.OpensOn,
        });
        var step = new Leerrijk.Web.Features.ActionPlan.ActionStep { OrganisationId = organisation.Id, Title = "Meelopen" };
        db.ActionSteps.Add(step);
        db.QuickScanResults.Add(new Leerrijk.Web.Features.QuickScan.QuickScanResult { OrganisationId = organisation.Id, InstrumentId = "snelscan-ondernemer", TakenOn = round.OpensOn });
        db.RoundStatistics.Add(new Leerrijk.Web.Features.Reports.RoundStatistic { OrganisationId = organisation.Id, RoundId = round.Id, InstrumentId = round.InstrumentId });
        var support = new Leerrijk.Web.Features.Support.SupportOrganisation { Name = "Loket van A", Kind = Leerrijk.Web.Features.Support.SupportKind.Leerwerkloket };
        db.SupportOrganisations.Add(support);
        var grant = new Leerrijk.Web.Features.Consent.ConsentGrant
        {
            OrganisationId = organisation.Id,
            SupportOrganisationId = support.Id,
            Scopes = Leerrijk.Web.Features.Consent.ConsentScope.ReadReports,
            EndsOn = round.OpensOn.AddYears(1),
            GrantedByUserId = owner.Id,
        };
        db.ConsentGrants.Add(grant);
        db.AccessLog.Add(new Leerrijk.Web.Features.Consent.AccessLogEntry { OrganisationId = organisation.Id, UserId = owner.Id, SupportOrganisationId = support.Id, GrantId = grant.Id, AtUtc = DateTime.UtcNow });
        var track = new Leerrijk.Web.Features.Tracks.Track { OrganisationId = organisation.Id, SupportOrganisationId = support.Id, StartedOn = round.OpensOn, CoachHoursBudget = 120 };
        db.Tracks.Add(track);
        db.TrackMilestones.Add(new Leerrijk.Web.Features.Tracks.TrackMilestone { OrganisationId = organisation.Id, TrackId = track.Id, Stage = track.Stage, ReachedOn = round.OpensOn });
        db.CoachHours.Add(new Leerrijk.Web.Features.Tracks.CoachHoursEntry { OrganisationId = organisation.Id, TrackId = track.Id, On = round.OpensOn, Hours = 2, Activity = "Intake", LoggedByUserId = owner.Id });
        db.TrackNotes.Add(new Leerrijk.Web.Features.Tracks.TrackNote { OrganisationId = organisation.Id, TrackId = track.Id, On = round.OpensOn, Text = "Intake", AuthorUserId = owner.Id });
        var indicator = new Leerrijk.Web.Features.ActionPlan.PlanIndicator { OrganisationId = organisation.Id, Kind = Leerrijk.Web.Features.ActionPlan.IndicatorKind.TrainedShare, Baseline = 20, Target = 33 };
        db.PlanIndicators.Add(indicator);
        var measurement = new Leerrijk.Web.Features.ActionPlan.IndicatorMeasurement { OrganisationId = organisation.Id, IndicatorId = indicator.Id, MeasuredOn = round.OpensOn, Value = 25 };
        db.IndicatorMeasurements.Add(measurement);
        var programme = new Leerrijk.Web.Features.Programmes.Programme { SupportOrganisationId = support.Id, Name = "Programma van A", StartsOn = round.OpensOn, EndsOn = round.OpensOn.AddYears(1), InstrumentIds = ["leerrijk-teamscan"] };
        db.Programmes.Add(programme);
        var participant = new Leerrijk.Web.Features.Programmes.ProgrammeParticipant
        {
            ProgrammeId = programme.Id,
            OrganisationId = organisation.Id,
            Email = owner.Email!,
            TokenHash = Invitation.HashToken(Invitation.NewToken()),
            InvitedByUserId = owner.Id,
            InvitationExpiresAtUtc = DateTime.UtcNow.AddDays(30),
            JoinedAtUtc = DateTime.UtcNow,
            JoinedByUserId = owner.Id,
            SharesResults = true,
            InNormPool = true,
        };
        db.ProgrammeParticipants.Add(participant);
        var voucher = new Leerrijk.Web.Features.Funding.Voucher { OrganisationId = organisation.Id, Scheme = "Scholingsvoucher", Purpose = "Training", AmountRequested = 1000 };
        db.Vouchers.Add(voucher);
        var subscription = new Leerrijk.Web.Features.Webhooks.WebhookSubscription
        {
            OrganisationId = organisation.Id,
            Url = "https://a.example/hook",
            Events = [Leerrijk.Web.Features.Webhooks.WebhookEventTypes.RoundClosed],
            ProtectedSecret = "protected",
            CreatedByUserId = owner.Id,
        };
        db.WebhookSubscriptions.Add(subscription);
        var webhookEvent = new Leerrijk.Web.Features.Webhooks.WebhookEvent
        {
            OrganisationId = organisation.Id,
            Type = Leerrijk.Web.Features.Webhooks.WebhookEventTypes.RoundClosed,
            ObjectId = round.Id,
            OccurredAtUtc = DateTime.UtcNow,
            Key = $"test:{Guid.NewGuid()}",
            DispatchedAtUtc = DateTime.UtcNow,
        };
        db.WebhookEvents.Add(webhookEvent);
        var delivery = new Leerrijk.Web.Features.Webhooks.WebhookDelivery
        {
            SubscriptionId = subscription.Id,
            EventId = webhookEvent.Id,
            Status = Leerrijk.Web.Features.Webhooks.WebhookDeliveryStatus.GaveUp,
            Attempts = 1,
            NextAttemptAtUtc = DateTime.UtcNow,
        };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync();
        var membership = await db.Memberships.SingleAsync(m => m.OrganisationId == organisation.Id);
        return new SeededOrganisation(organisation.Id, owner.Email!, organisation.Name, new ObjectIds(invitation.Id, membership.Id, round.Id, step.Id, grant.Id, track.Id, indicator.Id, measurement.Id, voucher.Id, participant.Id, subscription.Id, delivery.Id));
    }

    private async Task AssertOrganisationAUnchangedAsync(SeededOrganisation a)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LeerrijkDbContext>();
        var organisation = await db.Organisations.SingleAsync(o => o.Id == a.Id);
        Assert.Equal((a.Name, (DateTime?)null, Leerrijk.Web.Features.Erasure.RetentionRules.DefaultMonths), (organisation.Name, organisation.ErasureRequestedAtUtc, organisation.RetentionMonths));
        var membership = await db.Memberships.SingleAsync(m => m.Id == a.Ids.Membership);
        Assert.Equal(OrganisationRole.Owner, membership.Role);
        var invitation = await db.Invitations.SingleAsync(i => i.Id == a.Ids.Invitation);
        Assert.Null(invitation.RevokedAtUtc);
        Assert.Equal(1, await db.Invitations.CountAsync(i => i.OrganisationId == a.Id));
        Assert.Equal(1, await db.Rounds.CountAsync(r => r.OrganisationId == a.Id));
        var round = await db.Rounds.SingleAsync(r => r.Id == a.Ids.Round);
        Assert.Equal(((DateTime?)null, (DateOnly?)null, (string?)null), (round.ClosedAtUtc, round.WorksCouncilAgreedOn, round.WorksCouncilNote));
        Assert.Equal(1, await db.PersonalInvitations.CountAsync(i => i.OrganisationId == a.Id));
        Assert.Equal([Leerrijk.Web.Features.ActionPlan.ActionStatus.Planned], await db.ActionSteps.Where(s => s.OrganisationId == a.Id).Select(s => s.Status).ToListAsync());
        Assert.Equal(0, await db.PersonalInvitations.CountAsync(i => i.OrganisationId == a.Id && i.MailDue != Leerrijk.Web.Features.PersonalInvitations.InvitationMail.None));
        var grant = await db.ConsentGrants.SingleAsync(g => g.Id == a.Ids.Grant);
        Assert.Equal((ConsentScope.ReadReports, (DateTime?)null), (grant.Scopes, grant.RevokedAtUtc));
        var track = await db.Tracks.SingleAsync(t => t.OrganisationId == a.Id);
        Assert.Equal((0, 120m, (DateOnly?)null), (track.Version, track.CoachHoursBudget, track.FollowUpDueOn));
        Assert.Equal(1, await db.TrackMilestones.CountAsync(m => m.TrackId == track.Id));
        Assert.Equal(1, await db.CoachHours.CountAsync(h => h.TrackId == track.Id));
        Assert.Equal(1, await db.TrackNotes.CountAsync(n => n.TrackId == track.Id));
        Assert.Equal([(20m, 33m, 0)], (await db.PlanIndicators.Where(i => i.OrganisationId == a.Id).ToListAsync()).Select(i => (i.Baseline!.Value, i.Target!.Value, i.Version)));
        Assert.Equal([a.Ids.Measurement], await db.IndicatorMeasurements.Where(m => m.OrganisationId == a.Id).Select(m => m.Id).ToListAsync());
        Assert.Equal([("Scholingsvoucher", 0)], (await db.Vouchers.Where(v => v.OrganisationId == a.Id).ToListAsync()).Select(v => (v.Scheme, v.Version)));
        var participant = await db.ProgrammeParticipants.SingleAsync(p => p.Id == a.Ids.Participant);
        Assert.Equal((true, true, (DateTime?)null), (participant.SharesResults, participant.InNormPool, participant.LeftAtUtc));
        var subscription = await db.WebhookSubscriptions.SingleAsync(s => s.Id == a.Ids.Subscription);
        Assert.Equal((true, 1), (subscription.Enabled, await db.WebhookSubscriptions.CountAsync(s => s.OrganisationId == a.Id)));
        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == a.Ids.Delivery);
        Assert.Equal((Leerrijk.Web.Features.Webhooks.WebhookDeliveryStatus.GaveUp, false), (delivery.Status, delivery.ManualAttempt));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, OrgRequest request, Guid orgId, SeededOrganisation objectsFrom, string tokenPage = "/organisations")
    {
        var url = "/" + request.Route.Replace("{orgId:guid}", orgId.ToString(), StringComparison.Ordinal);
        foreach (var (name, value) in request.RouteValues?.Invoke(objectsFrom.Ids) ?? [])
        {
            url = url.Replace($"{{{name}:guid}}", value, StringComparison.Ordinal);
        }

        if (request.Method == "GET")
        {
            return await client.GetAsync(request.Handler is null ? url : $"{url}?handler={request.Handler}");
        }

        var fields = request.Fields?.Invoke(objectsFrom.Ids) ?? new()
        {
            ["Input.Name"] = "Overgenomen",
            ["Input.SbiSection"] = "C",
            ["Input.SizeClass"] = "Small",
            ["Input.ProvinceId"] = "utrecht",
            ["Input.LabourMarketRegionId"] = "amersfoort",
            ["Invite.Email"] = "indringer@example.test",
            ["Invite.Role"] = "Owner",
            ["Retention.Months"] = "1",
            ["Confirm.Name"] = objectsFrom.Name, // the organisation's own name: only tenancy can stop its erasure
        };
        var target = request.Handler is null ? url : $"{url}?handler={request.Handler}";
        return await client.PostFormAsync(target, fields, formPageUrl: tokenPage);
    }

    private IEnumerable<(string Route, Type ModelType)> OrganisationPages() => OrganisationPages(app.Services);

    /// <summary>Every page route under <c>/o/{orgId}</c> of the running app, with its page model; also used by the access-log test.</summary>
    internal static IEnumerable<(string Route, Type ModelType)> OrganisationPages(IServiceProvider services)
    {
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint.RoutePattern.GetParameter(OrganisationTenancyFilter.RouteKey) is null || endpoint.Metadata.GetMetadata<OrganisationEndpoint>() is not null)
            {
                continue;
            }

            var page = endpoint.Metadata.GetMetadata<ActionDescriptor>() as PageActionDescriptor
                ?? throw new InvalidOperationException($"{endpoint.RoutePattern.RawText} is an organisation route that is not a Razor page; add it to this test.");
            var typeName = "Leerrijk.Web.Features" + page.ViewEnginePath.Replace('/', '.') + "Model";
            var type = typeof(OrganisationPageModel).Assembly.GetType(typeName, throwOnError: true)!;
            yield return (endpoint.RoutePattern.RawText!, type);
        }
    }

    internal static IEnumerable<(string Method, string? Handler)> Handlers(Type model)
    {
        foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            var name = method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name[..^5] : method.Name;
            foreach (var verb in new[] { "Get", "Post" })
            {
                if (name.StartsWith("On" + verb, StringComparison.Ordinal))
                {
                    var handler = name[(2 + verb.Length)..];
                    yield return (verb.ToUpperInvariant(), handler.Length == 0 ? null : handler);
                }
            }
        }
    }

    /// <summary>The scope an adviser needs for a page handler: the handler's <see cref="AdviserScopeAttribute"/>, else the page's.</summary>
    internal static ConsentScope? AdviserScopeOf(Type model, string method, string? handler)
    {
        var name = "On" + (method == "GET" ? "Get" : "Post") + handler;
        var methodInfo = model.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(m => m.Name == name || m.Name == name + "Async");
        // None on a handler admits no adviser at all, exactly like a page without the attribute.
        var scope = (methodInfo?.GetCustomAttribute<AdviserScopeAttribute>() ?? model.GetCustomAttribute<AdviserScopeAttribute>())?.Scope;
        return scope == ConsentScope.None ? null : scope;
    }

    private const Leerrijk.Web.Features.Api.ApiScope AllScopes =
        Leerrijk.Web.Features.Api.ApiScope.ReadReports | Leerrijk.Web.Features.Api.ApiScope.ReadPlans | Leerrijk.Web.Features.Api.ApiScope.ManageRounds;

    /// <summary>A request to an API endpoint of A; a new round is asked for with a valid body, so that only tenancy can refuse it.</summary>
    private static HttpRequestMessage ApiMessage(ApiRequest request, SeededOrganisation a)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url(a));
        if (request.Method == "POST" && request.Route.EndsWith("/rounds", StringComparison.Ordinal))
        {
            message.Content = System.Net.Http.Json.JsonContent.Create(new { instrumentId = "leerrijk-teamscan", title = "Via API", opensOn = "2031-01-05", closesOn = "2031-01-19" });
        }

        return message;
    }

    private sealed record ApiRequest(string Method, string Route, Func<SeededOrganisation, string> Url, ConsentScope? Adviser = null)
    {
        public override string ToString() => $"{Method} {Route}";
    }

    private sealed record ObjectIds(
        Guid Invitation, Guid Membership, Guid Round, Guid Step, Guid Grant, Guid Track, Guid Indicator, Guid Measurement, Guid Voucher, Guid Participant,
        Guid Subscription, Guid Delivery);

    private static string Today() => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record SeededOrganisation(Guid Id, string OwnerEmail, string Name, ObjectIds Ids);

    // Fields and RouteValues name objects of organisation A, in the form and in the route.
    // Adviser: the consent scope that admits an adviser (null: members only); see ConsentMatrixTests.
    private sealed record OrgRequest(
        string Route, string Method, string? Handler, Func<ObjectIds, Dictionary<string, string>>? Fields = null, Func<ObjectIds, Dictionary<string, string>>? RouteValues = null,
        ConsentScope? Adviser = null)
    {
        public bool NamesObjects => Fields is not null || RouteValues is not null;

        public override string ToString() => $"{Method} /{Route} {Handler}";
    }
}
