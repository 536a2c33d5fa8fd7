using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fengqiao.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MediationApplicants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MediationApplicants",
                columns: table => new
                {
                    MediationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PhoneCipher = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    PhoneMasked = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ReceiptCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediationApplicants", x => x.MediationId);
                    table.ForeignKey(
                        name: "FK_MediationApplicants_Mediations_MediationId",
                        column: x => x.MediationId,
                        principalTable: "Mediations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MediationApplicants_ReceiptCode",
                table: "MediationApplicants",
                column: "ReceiptCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MediationApplicants");
        }
    }
}
