using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Leerrijk.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorksCouncilAgreement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "WorksCouncilAgreedOn",
                table: "Rounds",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WorksCouncilBody",
                table: "Rounds",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WorksCouncilNote",
                table: "Rounds",
                type: "TEXT",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WorksCouncilAgreedOn",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "WorksCouncilBody",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "WorksCouncilNote",
                table: "Rounds");
        }
    }
}
