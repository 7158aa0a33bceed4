using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Leerrijk.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Statistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Responses_RoundId",
                table: "Responses");

            migrationBuilder.AddColumn<bool>(
                name: "Folded",
                table: "Responses",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "RoundStatistics",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    InstrumentId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Attribute = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Value = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    DataJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoundStatistics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RoundStatistics_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Responses_Folded",
                table: "Responses",
                column: "Folded");

            migrationBuilder.CreateIndex(
                name: "IX_Responses_RoundId_Folded",
                table: "Responses",
                columns: new[] { "RoundId", "Folded" });

            migrationBuilder.CreateIndex(
                name: "IX_RoundStatistics_OrganisationId",
                table: "RoundStatistics",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_RoundStatistics_RoundId_InstrumentId_Attribute_Value",
                table: "RoundStatistics",
                columns: new[] { "RoundId", "InstrumentId", "Attribute", "Value" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RoundStatistics");

            migrationBuilder.DropIndex(
                name: "IX_Responses_Folded",
                table: "Responses");

            migrationBuilder.DropIndex(
                name: "IX_Responses_RoundId_Folded",
                table: "Responses");

            migrationBuilder.DropColumn(
                name: "Folded",
                table: "Responses");

            migrationBuilder.CreateIndex(
                name: "IX_Responses_RoundId",
                table: "Responses",
                column: "RoundId");
        }
    }
}
