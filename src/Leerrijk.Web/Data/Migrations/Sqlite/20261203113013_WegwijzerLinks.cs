using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Leerrijk.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Employees",
                table: "Organisations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TurnoverEuros",
                table: "Organisations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OfferSlug",
                table: "ActionSteps",
                type: "TEXT",
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
