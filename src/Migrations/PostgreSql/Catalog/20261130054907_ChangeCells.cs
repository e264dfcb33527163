using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillMatrix.Migrations.PostgreSql.Catalog
{
    /// <inheritdoc />
    public partial class ChangeCells : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LevelId",
                schema: "catalog",
                table: "changes",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SkillId",
                schema: "catalog",
                table: "changes",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LevelId",
                schema: "catalog",
                table: "changes");

            migrationBuilder.DropColumn(
                name: "SkillId",
                schema: "catalog",
                table: "changes");
        }
    }
}
