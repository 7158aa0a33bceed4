using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Leerrijk.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WegwijzerLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OfferSlug",
                table: "Vouchers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Employees",
                table: "Organisations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TurnoverEuros",
                table: "Organisations",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OfferSlug",
                table: "ActionSteps",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OfferSlug",
                table: "Vouchers");

            migrationBuilder.DropColumn(
                name: "Employees",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "TurnoverEuros",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "OfferSlug",
                table: "ActionSteps");
        }
    }
}
