using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Leerrijk.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SupportConsentTracksFunding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "ActionSteps",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "AccessLog",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SupportOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Route = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Handler = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Scope = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessLog", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccessLog_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanIndicators",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Baseline = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    BaselineOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Target = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    TargetOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanIndicators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanIndicators_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SupportOrganisations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ProvinceIds = table.Column<string>(type: "TEXT", nullable: false),
                    LabourMarketRegionIds = table.Column<string>(type: "TEXT", nullable: false),
                    SbiSections = table.Column<string>(type: "TEXT", nullable: false),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportOrganisations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorMeasurements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IndicatorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeasuredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorMeasurements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IndicatorMeasurements_PlanIndicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "PlanIndicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConnectionRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SupportOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AdviserUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CompanyName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ProposedScopes = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposedMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AcceptedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WithdrawnAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    GrantId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConnectionRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConnectionRequests_SupportOrganisations_SupportOrganisationId",
                        column: x => x.SupportOrganisationId,
                        principalTable: "SupportOrganisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsentGrants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SupportOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AdviserUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Scopes = table.Column<int>(type: "INTEGER", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    GrantedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedByUserId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentGrants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsentGrants_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConsentGrants_SupportOrganisations_SupportOrganisationId",
                        column: x => x.SupportOrganisationId,
                        principalTable: "SupportOrganisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SchemeBudgets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SupportOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Scheme = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchemeBudgets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SchemeBudgets_SupportOrganisations_SupportOrganisationId",
                        column: x => x.SupportOrganisationId,
                        principalTable: "SupportOrganisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SupportMemberships",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SupportOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportMemberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupportMemberships_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SupportMemberships_SupportOrganisations_SupportOrganisationId",
                        column: x => x.SupportOrganisationId,
                        principalTable: "SupportOrganisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Tracks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SupportOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CoachHoursBudget = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: false),
                    BaselineRoundId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FollowUpRoundId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FollowUpDueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FollowUpReminderSentOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tracks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Tracks_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Tracks_Rounds_BaselineRoundId",
                        column: x => x.BaselineRoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Tracks_Rounds_FollowUpRoundId",
                        column: x => x.FollowUpRoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Tracks_SupportOrganisations_SupportOrganisationId",
                        column: x => x.SupportOrganisationId,
                        principalTable: "SupportOrganisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Vouchers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SupportOrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Scheme = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ActionStepId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AmountRequested = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    AmountGranted = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    AmountSpent = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    OwnContribution = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RequestedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SpentOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AccountedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vouchers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Vouchers_ActionSteps_ActionStepId",
                        column: x => x.ActionStepId,
                        principalTable: "ActionSteps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Vouchers_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Vouchers_SupportOrganisations_SupportOrganisationId",
                        column: x => x.SupportOrganisationId,
                        principalTable: "SupportOrganisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "CoachHours",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrackId = table.Column<Guid>(type: "TEXT", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Hours = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    Activity = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    LoggedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoachHours", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoachHours_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrackMilestones",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrackId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ReachedOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrackMilestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrackMilestones_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrackNotes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TrackId = table.Column<Guid>(type: "TEXT", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    InternalToSupport = table.Column<bool>(type: "INTEGER", nullable: false),
                    AuthorUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrackNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrackNotes_Tracks_TrackId",
                        column: x => x.TrackId,
                        principalTable: "Tracks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessLog_OrganisationId_AtUtc",
                table: "AccessLog",
                columns: new[] { "OrganisationId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CoachHours_OrganisationId",
                table: "CoachHours",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CoachHours_TrackId",
                table: "CoachHours",
                column: "TrackId");

            migrationBuilder.CreateIndex(
                name: "IX_ConnectionRequests_SupportOrganisationId",
                table: "ConnectionRequests",
                column: "SupportOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ConnectionRequests_TokenHash",
                table: "ConnectionRequests",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsentGrants_OrganisationId_SupportOrganisationId",
                table: "ConsentGrants",
                columns: new[] { "OrganisationId", "SupportOrganisationId" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentGrants_SupportOrganisationId_AdviserUserId",
                table: "ConsentGrants",
                columns: new[] { "SupportOrganisationId", "AdviserUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorMeasurements_IndicatorId",
                table: "IndicatorMeasurements",
                column: "IndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorMeasurements_OrganisationId",
                table: "IndicatorMeasurements",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanIndicators_OrganisationId",
                table: "PlanIndicators",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_SchemeBudgets_SupportOrganisationId_Scheme_Year",
                table: "SchemeBudgets",
                columns: new[] { "SupportOrganisationId", "Scheme", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupportMemberships_SupportOrganisationId_UserId",
                table: "SupportMemberships",
                columns: new[] { "SupportOrganisationId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupportMemberships_UserId",
                table: "SupportMemberships",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_TrackMilestones_OrganisationId",
                table: "TrackMilestones",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_TrackMilestones_TrackId_Stage",
                table: "TrackMilestones",
                columns: new[] { "TrackId", "Stage" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrackNotes_OrganisationId",
                table: "TrackNotes",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_TrackNotes_TrackId",
                table: "TrackNotes",
                column: "TrackId");

            migrationBuilder.CreateIndex(
                name: "IX_Tracks_BaselineRoundId",
                table: "Tracks",
                column: "BaselineRoundId");

            migrationBuilder.CreateIndex(
                name: "IX_Tracks_FollowUpRoundId",
                table: "Tracks",
                column: "FollowUpRoundId");

            migrationBuilder.CreateIndex(
                name: "IX_Tracks_OrganisationId_SupportOrganisationId",
                table: "Tracks",
                columns: new[] { "OrganisationId", "SupportOrganisationId" });

            migrationBuilder.CreateIndex(
                name: "IX_Tracks_SupportOrganisationId",
                table: "Tracks",
                column: "SupportOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Vouchers_ActionStepId",
                table: "Vouchers",
                column: "ActionStepId");

            migrationBuilder.CreateIndex(
                name: "IX_Vouchers_OrganisationId",
                table: "Vouchers",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Vouchers_SupportOrganisationId",
                table: "Vouchers",
                column: "SupportOrganisationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccessLog");

            migrationBuilder.DropTable(
                name: "CoachHours");

            migrationBuilder.DropTable(
                name: "ConnectionRequests");

            migrationBuilder.DropTable(
                name: "ConsentGrants");

            migrationBuilder.DropTable(
                name: "IndicatorMeasurements");

            migrationBuilder.DropTable(
                name: "SchemeBudgets");

            migrationBuilder.DropTable(
                name: "SupportMemberships");

            migrationBuilder.DropTable(
                name: "TrackMilestones");

            migrationBuilder.DropTable(
                name: "TrackNotes");

            migrationBuilder.DropTable(
                name: "Vouchers");

            migrationBuilder.DropTable(
                name: "PlanIndicators");

            migrationBuilder.DropTable(
                name: "Tracks");

            migrationBuilder.DropTable(
                name: "SupportOrganisations");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "ActionSteps");
        }
    }
}
