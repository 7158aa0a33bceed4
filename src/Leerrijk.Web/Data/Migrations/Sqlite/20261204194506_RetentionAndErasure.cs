using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Leerrijk.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RetentionAndErasure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "RawAnswersRemovedAtUtc",
                table: "Rounds",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RemovedResponses",
                table: "Rounds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "ErasureRequestedAtUtc",
                table: "Organisations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RetentionMonths",
                table: "Organisations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 24); // existing organisations get the default period, not zero months
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RawAnswersRemovedAtUtc",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "RemovedResponses",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "ErasureRequestedAtUtc",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "RetentionMonths",
                table: "Organisations");
        }
    }
}
