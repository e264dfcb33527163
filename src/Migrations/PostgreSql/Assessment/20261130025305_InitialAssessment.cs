using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SkillMatrix.Migrations.PostgreSql.Assessment
{
    /// <inheritdoc />
    public partial class InitialAssessment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "assessment");

            migrationBuilder.CreateTable(
                name: "assessments",
                schema: "assessment",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    RoleId = table.Column<int>(type: "integer", nullable: false),
                    RoleSlug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    CatalogVersion = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "assessment_ratings",
                schema: "assessment",
                columns: table => new
                {
                    AssessmentId = table.Column<int>(type: "integer", nullable: false),
                    SkillId = table.Column<int>(type: "integer", nullable: false),
                    SkillSlug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Proficiency = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_ratings", x => new { x.AssessmentId, x.SkillId });
                    table.ForeignKey(
                        name: "FK_assessment_ratings_assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalSchema: "assessment",
                        principalTable: "assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_assessments_MemberId_Id",
                schema: "assessment",
                table: "assessments",
                columns: new[] { "MemberId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_assessments_RoleId",
                schema: "assessment",
                table: "assessments",
                column: "RoleId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assessment_ratings",
                schema: "assessment");

            migrationBuilder.DropTable(
                name: "assessments",
                schema: "assessment");
        }
    }
}
