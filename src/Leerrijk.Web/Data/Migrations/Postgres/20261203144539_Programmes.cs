using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Leerrijk.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Programmes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "NormBands",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstrumentId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DimensionId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SbiSection = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    SizeClass = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    LabourMarketRegionId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Companies = table.Column<int>(type: "integer", nullable: false),
                    Respondents = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    P25 = table.Column<double>(type: "double precision", nullable: true),
                    P50 = table.Column<double>(type: "double precision", nullable: true),
                    P75 = table.Column<double>(type: "double precision", nullable: true),
                    P90 = table.Column<double>(type: "double precision", nullable: true),
                    WindowFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ComputedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NormBands", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NormRefreshes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DurationMilliseconds = table.Column<int>(type: "integer", nullable: false),
                    Companies = table.Column<int>(type: "integer", nullable: false),
                    Bands = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NormRefreshes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Programmes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SupportOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ProvinceIds = table.Column<List<string>>(type: "text[]", nullable: false),
                    LabourMarketRegionIds = table.Column<List<string>>(type: "text[]", nullable: false),
                    SbiSections = table.Column<List<string>>(type: "text[]", nullable: false),
                    InstrumentIds = table.Column<List<string>>(type: "text[]", nullable: false),
                    TargetCompanies = table.Column<int>(type: "integer", nullable: true),
                    TargetBaselines = table.Column<int>(type: "integer", nullable: true),
                    TargetPlans = table.Column<int>(type: "integer", nullable: true),
                    TargetFollowUps = table.Column<int>(type: "integer", nullable: true),
                    TargetDevelopmentPlanPercent = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: true),
                    TargetTrainedPercent = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: true),
                    MinCompanies = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Programmes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Programmes_SupportOrganisations_SupportOrganisationId",
                        column: x => x.SupportOrganisationId,
                        principalTable: "SupportOrganisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeManagers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeManagers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeManagers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeManagers_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeParticipants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CompanyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InvitedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    InvitationExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    JoinedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    JoinedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    SharesResults = table.Column<bool>(type: "boolean", nullable: false),
                    InNormPool = table.Column<bool>(type: "boolean", nullable: false),
                    ChoicesChangedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LeftAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeParticipants_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeParticipants_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeSnapshots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "uuid", nullable: false),
                    ComputedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DurationMilliseconds = table.Column<int>(type: "integer", nullable: false),
                    DataJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeSnapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeSnapshots_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NormBands_InstrumentId_DimensionId_SbiSection_SizeClass_Lab~",
                table: "NormBands",
                columns: new[] { "InstrumentId", "DimensionId", "SbiSection", "SizeClass", "LabourMarketRegionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NormRefreshes_StartedAtUtc",
                table: "NormRefreshes",
                column: "StartedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeManagers_ProgrammeId_UserId",
                table: "ProgrammeManagers",
                columns: new[] { "ProgrammeId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeManagers_UserId",
                table: "ProgrammeManagers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeParticipants_OrganisationId",
                table: "ProgrammeParticipants",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeParticipants_ProgrammeId_OrganisationId",
                table: "ProgrammeParticipants",
                columns: new[] { "ProgrammeId", "OrganisationId" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeParticipants_TokenHash",
                table: "ProgrammeParticipants",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Programmes_SupportOrganisationId",
                table: "Programmes",
                column: "SupportOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeSnapshots_ProgrammeId_ComputedAtUtc",
                table: "ProgrammeSnapshots",
                columns: new[] { "ProgrammeId", "ComputedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NormBands");

            migrationBuilder.DropTable(
                name: "NormRefreshes");

            migrationBuilder.DropTable(
                name: "ProgrammeManagers");

            migrationBuilder.DropTable(
                name: "ProgrammeParticipants");

            migrationBuilder.DropTable(
                name: "ProgrammeSnapshots");

            migrationBuilder.DropTable(
                name: "Programmes");
        }
    }
}
