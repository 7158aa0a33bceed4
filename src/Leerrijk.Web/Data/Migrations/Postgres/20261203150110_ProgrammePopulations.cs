using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Leerrijk.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProgrammePopulations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PopulationsJson",
                table: "ProgrammeSnapshots",
                type: "text",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PopulationsJson",
                table: "ProgrammeSnapshots");
        }
    }
}
