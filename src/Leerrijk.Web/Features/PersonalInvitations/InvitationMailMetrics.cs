using System.Diagnostics.Metrics;

namespace Leerrijk.Web.Features.PersonalInvitations;

/// <summary>The invitation mail queue as a host sees it: mails waiting (counted when each run starts), sent, and refused by the mail server for good.</summary>
public sealed class InvitationMailMetrics
{
    public const string MeterName = "Leerrijk.Mail";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _refused;
    private long _queued;

    public InvitationMailMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _sent = meter.CreateCounter<long>("leerrijk.mail.sent", unit: "{mail}", description: "Invitation and reminder mails handed to the mail server.");
        _refused = meter.CreateCounter<long>("leerrijk.mail.refused", unit: "{mail}", description: "Mails the mail server refused for good (address not accepted).");
        meter.CreateObservableGauge("leerrijk.mail.queued", () => Interlocked.Read(ref _queued), unit: "{mail}",
            description: "Invitation and reminder mails waiting to be sent, as counted when the mailer's last run started; stays up while the mail server is away.");
    }

    public void Queued(long waiting) => Interlocked.Exchange(ref _queued, waiting);

    public void Sent()
    {
        _sent.Add(1);
        Interlocked.Decrement(ref _queued);
    }

    public void Refused()
    {
        _refused.Add(1);
        Interlocked.Decrement(ref _queued);
    }
}
