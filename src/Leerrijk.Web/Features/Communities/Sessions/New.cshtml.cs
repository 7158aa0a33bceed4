using Leerrijk.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Leerrijk.Web.Features.Communities.Sessions;

/// <summary>
/// A facilitator plans a session. It is stored first and mailed after, so a mail server that is away loses nothing:
/// the session page then says who was not reached.
/// </summary>
[RequiresCommunityFacilitator]
public sealed class NewModel(LeerrijkDbContext db, SessionMails mails, TimeProvider clock, IStringLocalizer<SharedResource> l) : CommunityPageModel
{
    [BindProperty]
    public SessionInput Input { get; set; } = new();

    public string CommunityName { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken) => CommunityName = await NameAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        CommunityName = await NameAsync(cancellationToken);
        var times = await Input.ValidateAsync(db, Reader.CommunityId, null, clock.GetUtcNow().UtcDateTime, ModelState, l, cancellationToken);
        if (times is not { } t || !ModelState.IsValid)
        {
            return Page();
        }

        var session = new CommunitySession { CommunityId = Reader.CommunityId };
        Input.ApplyTo(session, t.StartUtc, t.EndUtc);
        db.CommunitySessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);

        var unreached = await mails.SendAsync(session, SessionMailKind.Invitation, CancellationToken.None);
        SessionModel.Tell(TempData, l["Session.Planned"].Value, unreached, l);
        return RedirectToPage("/Communities/Sessions/Session", new { communityId = Reader.CommunityId, sessionId = session.Id });
    }

    private Task<string> NameAsync(CancellationToken cancellationToken) =>
        db.Communities.AsNoTracking().Where(c => c.Id == Reader.CommunityId).Select(c => c.Name).SingleAsync(cancellationToken);
}
