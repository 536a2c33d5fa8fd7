using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fengqiao.Data.Migrations.Postgres
{
    /// <summary>
    /// Replaces the clear ID-number and phone columns with ciphertext, blind index and masked form. No release held
    /// clear values yet; a database that does must be re-registered through the application, not migrated in SQL.
    /// </summary>
    public partial class PersonalDataProtection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Residents_IdNumber",
                table: "Residents");

            migrationBuilder.DropIndex(
                name: "IX_CaseParties_IdNumber",
                table: "CaseParties");

            migrationBuilder.DropIndex(
                name: "IX_CaseParties_Phone",
                table: "CaseParties");

            migrationBuilder.DropColumn(
                name: "IdNumber",
                table: "Residents");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "Residents");

            migrationBuilder.DropColumn(
                name: "IdNumber",
                table: "CaseParties");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "CaseParties");

            migrationBuilder.AddColumn<string>(
                name: "IdNumberCipher",
                table: "Residents",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdNumberIndex",
                table: "Residents",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdNumberMasked",
                table: "Residents",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneCipher",
                table: "Residents",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneIndex",
                table: "Residents",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneMasked",
                table: "Residents",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdNumberCipher",
                table: "CaseParties",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdNumberIndex",
                table: "CaseParties",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdNumberMasked",
                table: "CaseParties",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneCipher",
                table: "CaseParties",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneIndex",
                table: "CaseParties",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneMasked",
                table: "CaseParties",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PersonalDataViews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartyId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AccountName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonalDataViews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonalDataViews_CaseParties_PartyId",
                        column: x => x.PartyId,
                        principalTable: "CaseParties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PersonalDataViews_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProtectedSecret",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ProtectedValue = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProtectedSecret", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Residents_IdNumberIndex",
                table: "Residents",
                column: "IdNumberIndex");

            migrationBuilder.CreateIndex(
                name: "IX_CaseParties_IdNumberIndex",
                table: "CaseParties",
                column: "IdNumberIndex");

            migrationBuilder.CreateIndex(
                name: "IX_CaseParties_PhoneIndex",
                table: "CaseParties",
                column: "PhoneIndex");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalDataViews_AccountId_At",
                table: "PersonalDataViews",
                columns: new[] { "AccountId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonalDataViews_CaseId_At",
                table: "PersonalDataViews",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonalDataViews_PartyId",
                table: "PersonalDataViews",
                column: "PartyId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PersonalDataViews");

            migrationBuilder.DropTable(
                name: "ProtectedSecret");

            migrationBuilder.DropIndex(
                name: "IX_Residents_IdNumberIndex",
                table: "Residents");

            migrationBuilder.DropIndex(
                name: "IX_CaseParties_IdNumberIndex",
                table: "CaseParties");

            migrationBuilder.DropIndex(
                name: "IX_CaseParties_PhoneIndex",
                table: "CaseParties");

            migrationBuilder.DropColumn(
                name: "IdNumberCipher",
                table: "Residents");

            migrationBuilder.DropColumn(
                name: "IdNumberIndex",
                table: "Residents");

            migrationBuilder.DropColumn(
                name: "IdNumberMasked",
                table: "Residents");

            migrationBuilder.DropColumn(
                name: "PhoneCipher",
                table: "Residents");

            migrationBuilder.DropColumn(
                name: "PhoneIndex",
                table: "Residents");

            migrationBuilder.DropColumn(
                name: "PhoneMasked",
                table: "Residents");

            migrationBuilder.DropColumn(
                name: "IdNumberCipher",
                table: "CaseParties");

            migrationBuilder.DropColumn(
                name: "IdNumberIndex",
                table: "CaseParties");

            migrationBuilder.DropColumn(
                name: "IdNumberMasked",
                table: "CaseParties");

            migrationBuilder.DropColumn(
                name: "PhoneCipher",
                table: "CaseParties");

            migrationBuilder.DropColumn(
                name: "PhoneIndex",
                table: "CaseParties");

            migrationBuilder.DropColumn(
                name: "PhoneMasked",
                table: "CaseParties");

            migrationBuilder.AddColumn<string>(
                name: "IdNumber",
                table: "Residents",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "Residents",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdNumber",
                table: "CaseParties",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "CaseParties",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Residents_IdNumber",
                table: "Residents",
                column: "IdNumber");

            migrationBuilder.CreateIndex(
                name: "IX_CaseParties_IdNumber",
                table: "CaseParties",
                column: "IdNumber");

            migrationBuilder.CreateIndex(
                name: "IX_CaseParties_Phone",
                table: "CaseParties",
                column: "Phone");
        }
    }
}
