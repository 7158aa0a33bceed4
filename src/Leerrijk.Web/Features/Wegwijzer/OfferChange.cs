using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Leerrijk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Leerrijk.Web.Features.Wegwijzer;

/// <summary>One save of an offer by an editor in the app: who, when, and each field's value before and after.</summary>
public sealed class OfferChange
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OfferId { get; set; }

    /// <summary>The editor's account; null once the account is deleted, when <see cref="EditorName"/> still says who it was.</summary>
    public Guid? EditorUserId { get; set; }

    /// <summary>The editor's name as it was at the time, so the history stays readable.</summary>
    public string EditorName { get; set; } = "";

    public DateTime ChangedAtUtc { get; set; }

    /// <summary>The changed fields as JSON (<see cref="FieldChange"/>), so a new editable field needs no migration.</summary>
    public string FieldsJson { get; set; } = "[]";

    public IReadOnlyList<FieldChange> Fields() => JsonSerializer.Deserialize<List<FieldChange>>(FieldsJson) ?? [];

    /// <summary>The field name of the one line a new offer's history starts with; its "after" is the slug.</summary>
    public const string AddedField = "added";

    /// <summary>The fields whose shown value differs between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static List<FieldChange> Between(Offer before, Offer after) =>
        [.. Shown(before).Zip(Shown(after), (b, a) => new FieldChange(b.Field, b.Value, a.Value)).Where(c => c.Before != c.After)];

    /// <summary>A history line for <paramref name="fields"/> of the offer <paramref name="offerId"/>, saved by the signed-in <paramref name="editor"/>.</summary>
    public static async Task<OfferChange> ByAsync(LeerrijkDbContext db, ClaimsPrincipal editor, Guid offerId, DateTime now, IReadOnlyList<FieldChange> fields, CancellationToken cancellationToken)
    {
        var userId = Guid.TryParse(editor.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? editor.Identity?.Name ?? "";
        return new OfferChange
        {
            OfferId = offerId,
            EditorUserId = userId,
            EditorName = name.Length > 256 ? name[..256] : name,
            ChangedAtUtc = now,
            FieldsJson = JsonSerializer.Serialize(fields),
        };
    }

    /// <summary>Every field editors change, each as one line of text, named as in the offer files.</summary>
    private static IEnumerable<(string Field, string Value)> Shown(Offer offer)
    {
        yield return ("title.nl", offer.Title.Nl);
        yield return ("title.en", offer.Title.En);
        yield return ("summary.nl", offer.Summary.Nl);
        yield return ("summary.en", offer.Summary.En);
        yield return ("offer.nl", offer.Text.Nl);
        yield return ("offer.en", offer.Text.En);
        yield return ("kinds", List(offer.Kinds));
        yield return ("areas.national", offer.Areas.National ? "true" : "");
        yield return ("areas.provinces", List(offer.Areas.Provinces));
        yield return ("areas.regions", List(offer.Areas.Regions));
        yield return ("areas.subRegions", List(offer.Areas.SubRegions.Select(s => s.Name)));
        yield return ("sectors.sections", List(offer.Sectors.Sections));
        yield return ("sectors.named", List(offer.Sectors.Named.Select(n => n.Nl)));
        yield return ("sizes", List(offer.Sizes));
        yield return ("audiences", List(offer.Audiences));
        yield return ("money.percentage", Number(offer.Money.Percentage));
        yield return ("money.maximumEuros", Number(offer.Money.MaximumEuros));
        yield return ("money.ownContributionEuros", Number(offer.Money.OwnContributionEuros));
        yield return ("money.minimumCostsEuros", Number(offer.Money.MinimumCostsEuros));
        yield return ("money.note.nl", offer.Money.Note?.Nl ?? "");
        yield return ("money.note.en", offer.Money.Note?.En ?? "");
        yield return ("eligibility.minEmployees", Number(offer.Eligibility.MinEmployees));
        yield return ("eligibility.maxEmployees", Number(offer.Eligibility.MaxEmployees));
        yield return ("eligibility.maxTurnoverEuros", Number(offer.Eligibility.MaxTurnoverEuros));
        yield return ("status", offer.Status ?? "");
        yield return ("closedUntil", Date(offer.ClosedUntil));
        yield return ("windows", OfferForm.WindowLines(offer.Windows));
        yield return ("nextWindowExpected.date", Date(offer.NextWindowExpected?.Date));
        yield return ("nextWindowExpected.note.nl", offer.NextWindowExpected?.Note?.Nl ?? "");
        yield return ("nextWindowExpected.note.en", offer.NextWindowExpected?.Note?.En ?? "");
        yield return ("sources", string.Join("; ", offer.Sources.Select(s => s.Url ?? s.Document)));
        yield return ("lastChecked", Date(offer.LastChecked));
    }

    private static string List(IEnumerable<string> values) => string.Join(", ", values);

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}

/// <summary>One field of one save: its value before and after, as text.</summary>
public sealed record FieldChange(string Field, string Before, string After);

public sealed class OfferChangeConfiguration : IEntityTypeConfiguration<OfferChange>
{
    public void Configure(EntityTypeBuilder<OfferChange> builder)
    {
        builder.ToTable("OfferChanges");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.EditorName).HasMaxLength(256);
        builder.HasOne<OfferEntry>().WithMany().HasForeignKey(c => c.OfferId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.OfferId, c.ChangedAtUtc });
    }
}
