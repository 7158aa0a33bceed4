using System.Globalization;
using System.Text.Json;
using Leerrijk.Web.Data;
using Leerrijk.Web.Features.Consent;
using Leerrijk.Web.Features.Rounds;

namespace Leerrijk.Web.Features.Webhooks;

/// <summary>
/// Raises webhook events: each adds a <see cref="WebhookEvent"/> row to the caller's context, so it is saved in the same
/// <c>SaveChanges</c> as what caused it (or not at all). Delivery happens later, in <see cref="WebhookWorker"/>.
/// </summary>
/// <remarks>
/// Every path that opens or closes a round, or creates, changes or revokes a consent grant, calls one of these (the
/// rounds API included, when it opens or closes rounds). Report readiness and due plan steps follow from dates and
/// counts; the worker finds those itself.
/// </remarks>
public static class WebhookOutbox
{
    public static void RoundOpened(LeerrijkDbContext db, Round round, DateTime nowUtc) =>
        Raise(db, WebhookEventTypes.RoundOpened, round.OrganisationId, round.Id, nowUtc);

    public static void RoundClosed(LeerrijkDbContext db, Round round, DateTime nowUtc) =>
        Raise(db, WebhookEventTypes.RoundClosed, round.OrganisationId, round.Id, nowUtc);

    public static void ReportReady(LeerrijkDbContext db, Guid organisationId, Guid roundId, DateTime nowUtc) =>
        Raise(db, WebhookEventTypes.ReportReady, organisationId, roundId, nowUtc);

    public static void StepDue(LeerrijkDbContext db, Guid organisationId, Guid stepId, DateOnly dueOn, DateTime nowUtc) =>
        Raise(db, WebhookEventTypes.PlanStepDue, organisationId, stepId, nowUtc, dueOn: dueOn, key: StepDueKey(stepId, dueOn));

    /// <summary>A grant was created, changed or revoked: heard by the company's subscriptions and by the support organisation it names.</summary>
    public static void ConsentChanged(LeerrijkDbContext db, ConsentGrant grant, ConsentChange change, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var id = Guid.CreateVersion7();
        Raise(db, WebhookEventTypes.ConsentChanged, grant.OrganisationId, grant.Id, nowUtc, grant.SupportOrganisationId, change: change.ToString().ToLowerInvariant(), id: id, key: $"{WebhookEventTypes.ConsentChanged}:{id}");
    }

    /// <summary>The key that makes an event happen once per object (and per date for due steps).</summary>
    public static string KeyOf(string type, Guid objectId) => $"{type}:{objectId}";

    public static string StepDueKey(Guid stepId, DateOnly dueOn) =>
        $"{WebhookEventTypes.PlanStepDue}:{stepId}:{dueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    private static void Raise(
        LeerrijkDbContext db, string type, Guid organisationId, Guid objectId, DateTime nowUtc, Guid? supportOrganisationId = null,
        DateOnly? dueOn = null, string? change = null, Guid? id = null, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.WebhookEvents.Add(new WebhookEvent
        {
            Id = id ?? Guid.CreateVersion7(),
            Type = type,
            OrganisationId = organisationId,
            ObjectId = objectId,
            SupportOrganisationId = supportOrganisationId,
            DueOn = dueOn,
            Change = change,
            OccurredAtUtc = nowUtc,
            Key = key ?? KeyOf(type, objectId),
        });
    }
}

/// <summary>What happened to a consent grant, as consent.changed tells it.</summary>
public enum ConsentChange
{
    Granted,
    Changed,
    Revoked,
}

/// <summary>
/// The JSON body of a delivery: ids, the type, the moment, and a link to the API resource the receiver can fetch with
/// its own token. No figure and no personal data ever goes in, so the anonymity rule needs nothing here.
/// </summary>
public static class WebhookPayload
{
    /// <summary>The API path each event points to; one place, so it follows the API's routes.</summary>
    public static string ApiPath(WebhookEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Type switch
        {
            WebhookEventTypes.RoundOpened or WebhookEventTypes.RoundClosed => $"/api/v1/organisations/{e.OrganisationId}/rounds",
            WebhookEventTypes.ReportReady => $"/api/v1/rounds/{e.ObjectId}/report",
            WebhookEventTypes.PlanStepDue => $"/api/v1/organisations/{e.OrganisationId}/plan",
            // Where the change shows for the support organisation: its caseload gains or loses the company.
            WebhookEventTypes.ConsentChanged => $"/api/v1/support/{e.SupportOrganisationId}/caseload",
            _ => throw new InvalidOperationException($"Unknown webhook event type {e.Type}."),
        };
    }

    public static byte[] Build(WebhookEvent e, string absoluteLink)
    {
        ArgumentNullException.ThrowIfNull(e);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", e.Id);
            json.WriteString("type", e.Type);
            json.WriteString("occurredAt", DateTime.SpecifyKind(e.OccurredAtUtc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("organisationId", e.OrganisationId);
            switch (e.Type)
            {
                case WebhookEventTypes.PlanStepDue:
                    json.WriteString("stepId", e.ObjectId);
                    if (e.DueOn is { } due)
                    {
                        json.WriteString("dueOn", due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    }

                    break;
                case WebhookEventTypes.ConsentChanged:
                    json.WriteString("grantId", e.ObjectId);
                    if (e.SupportOrganisationId is { } support)
                    {
                        json.WriteString("supportOrganisationId", support);
                    }

                    json.WriteString("change", e.Change);
                    break;
                default:
                    json.WriteString("roundId", e.ObjectId);
                    break;
            }

            json.WriteString("link", absoluteLink);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
