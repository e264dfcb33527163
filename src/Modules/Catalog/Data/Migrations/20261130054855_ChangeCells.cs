using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillMatrix.Catalog.Data.Migrations
{
    /// <inheritdoc />
    public partial class ChangeCells : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LevelId",
                table: "changes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SkillId",
                table: "changes",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LevelId",
                table: "changes");

            migrationBuilder.DropColumn(
                name: "SkillId",
                table: "changes");
        }
    }
}
