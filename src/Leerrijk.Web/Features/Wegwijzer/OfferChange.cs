using System.Text.Json;
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

    /// <summary>The fields whose shown value differs between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static List<FieldChange> Between(Offer before, Offer after) =>
        [.. Shown(before).Zip(Shown(after), (b, a) => new FieldChange(b.Field, b.Value, a.Value)).Where(c => c.Before != c.After)];

    /// <summary>The fields editors change, each as one line of text, named as in the offer files.</summary>
    private static IEnumerable<(string Field, string Value)> Shown(Offer offer)
    {
        yield return ("title.nl", offer.Title.Nl);
        yield return ("title.en", offer.Title.En);
        yield return ("summary.nl", offer.Summary.Nl);
        yield return ("summary.en", offer.Summary.En);
        yield return ("offer.nl", offer.Text.Nl);
        yield return ("offer.en", offer.Text.En);
        yield return ("status", offer.Status ?? "");
        yield return ("closedUntil", offer.ClosedUntil?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "");
        yield return ("windows", EditOfferModel.WindowLines(offer.Windows));
        yield return ("lastChecked", offer.LastChecked.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }
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
