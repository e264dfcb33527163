using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillMatrix.Catalog.Data.Migrations
{
    /// <inheritdoc />
    public partial class CoveringCellIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_requirements_RoleId_LevelId",
                table: "requirements");

            migrationBuilder.CreateIndex(
                name: "IX_requirements_RoleId_LevelId_SkillId_Proficiency_Mandatory",
                table: "requirements",
                columns: new[] { "RoleId", "LevelId", "SkillId", "Proficiency", "Mandatory" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_requirements_RoleId_LevelId_SkillId_Proficiency_Mandatory",
                table: "requirements");

            migrationBuilder.CreateIndex(
                name: "IX_requirements_RoleId_LevelId",
                table: "requirements",
                columns: new[] { "RoleId", "LevelId" });
        }
    }
}
