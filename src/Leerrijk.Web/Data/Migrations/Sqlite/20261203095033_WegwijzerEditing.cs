using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Leerrijk.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WegwijzerEditing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OfferChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfferId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EditorUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EditorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FieldsJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfferChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OfferChanges_Offers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "Offers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OfferChanges_OfferId_ChangedAtUtc",
                table: "OfferChanges",
                columns: new[] { "OfferId", "ChangedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OfferChanges");
        }
    }
}
