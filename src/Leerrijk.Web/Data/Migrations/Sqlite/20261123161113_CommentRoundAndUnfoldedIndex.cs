using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Leerrijk.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CommentRoundAndUnfoldedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Responses_Folded",
                table: "Responses");

            migrationBuilder.AddColumn<Guid>(
                name: "RoundId",
                table: "ResponseComment",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // Comments written before this migration take their round from their response.
            migrationBuilder.Sql(
                "UPDATE \"ResponseComment\" SET \"RoundId\" = (SELECT r.\"RoundId\" FROM \"Responses\" r WHERE r.\"Id\" = \"ResponseComment\".\"ResponseId\")");

            migrationBuilder.CreateIndex(
                name: "IX_Responses_Unfolded",
                table: "Responses",
                column: "RoundId",
                filter: "NOT \"Folded\"");

            migrationBuilder.CreateIndex(
                name: "IX_ResponseComment_RoundId_ResponseId",
                table: "ResponseComment",
                columns: new[] { "RoundId", "ResponseId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Responses_Unfolded",
                table: "Responses");

            migrationBuilder.DropIndex(
                name: "IX_ResponseComment_RoundId_ResponseId",
                table: "ResponseComment");

            migrationBuilder.DropColumn(
                name: "RoundId",
                table: "ResponseComment");

            migrationBuilder.CreateIndex(
                name: "IX_Responses_Folded",
                table: "Responses",
                column: "Folded");
        }
    }
}
