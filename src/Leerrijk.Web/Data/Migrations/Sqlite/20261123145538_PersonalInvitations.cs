using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Leerrijk.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PersonalInvitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PersonalInvitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Used = table.Column<bool>(type: "INTEGER", nullable: false),
                    MailDue = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Undeliverable = table.Column<bool>(type: "INTEGER", nullable: false),
                    InvitedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LastRemindedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Reminders = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonalInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonalInvitations_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PersonalInvitations_CodeHash",
                table: "PersonalInvitations",
                column: "CodeHash");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalInvitations_MailDue",
                table: "PersonalInvitations",
                column: "MailDue");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalInvitations_OrganisationId",
                table: "PersonalInvitations",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalInvitations_RoundId_Email",
                table: "PersonalInvitations",
                columns: new[] { "RoundId", "Email" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PersonalInvitations");
        }
    }
}
