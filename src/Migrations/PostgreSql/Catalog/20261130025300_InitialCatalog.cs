using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SkillMatrix.Migrations.PostgreSql.Catalog
{
    /// <inheritdoc />
    public partial class InitialCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "catalog");

            migrationBuilder.CreateTable(
                name: "domains",
                schema: "catalog",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_domains", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "families",
                schema: "catalog",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_families", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "levels",
                schema: "catalog",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Rank = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_levels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "skills",
                schema: "catalog",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    DomainId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_skills", x => x.Id);
                    table.ForeignKey(
                        name: "FK_skills_domains_DomainId",
                        column: x => x.DomainId,
                        principalSchema: "catalog",
                        principalTable: "domains",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "roles",
                schema: "catalog",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    FamilyId = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_roles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_roles_families_FamilyId",
                        column: x => x.FamilyId,
                        principalSchema: "catalog",
                        principalTable: "families",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "changes",
                schema: "catalog",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false, collation: "C"),
                    ProposalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true, collation: "C"),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_changes_roles_RoleId",
                        column: x => x.RoleId,
                        principalSchema: "catalog",
                        principalTable: "roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "role_levels",
                schema: "catalog",
                columns: table => new
                {
                    RoleId = table.Column<int>(type: "integer", nullable: false),
                    LevelId = table.Column<int>(type: "integer", nullable: false),
                    Focus = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true, collation: "C"),
                    TechStack = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_role_levels", x => new { x.RoleId, x.LevelId });
                    table.ForeignKey(
                        name: "FK_role_levels_levels_LevelId",
                        column: x => x.LevelId,
                        principalSchema: "catalog",
                        principalTable: "levels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_role_levels_roles_RoleId",
                        column: x => x.RoleId,
                        principalSchema: "catalog",
                        principalTable: "roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "requirements",
                schema: "catalog",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<int>(type: "integer", nullable: false),
                    SkillId = table.Column<int>(type: "integer", nullable: false),
                    LevelId = table.Column<int>(type: "integer", nullable: false),
                    Proficiency = table.Column<int>(type: "integer", nullable: false),
                    Mandatory = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_requirements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_requirements_levels_LevelId",
                        column: x => x.LevelId,
                        principalSchema: "catalog",
                        principalTable: "levels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_requirements_role_levels_RoleId_LevelId",
                        columns: x => new { x.RoleId, x.LevelId },
                        principalSchema: "catalog",
                        principalTable: "role_levels",
                        principalColumns: new[] { "RoleId", "LevelId" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_requirements_roles_RoleId",
                        column: x => x.RoleId,
                        principalSchema: "catalog",
                        principalTable: "roles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_requirements_skills_SkillId",
                        column: x => x.SkillId,
                        principalSchema: "catalog",
                        principalTable: "skills",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_changes_ProposalId",
                schema: "catalog",
                table: "changes",
                column: "ProposalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_changes_RoleId_Version",
                schema: "catalog",
                table: "changes",
                columns: new[] { "RoleId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_domains_Slug",
                schema: "catalog",
                table: "domains",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_families_Slug",
                schema: "catalog",
                table: "families",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_levels_Key",
                schema: "catalog",
                table: "levels",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_levels_Rank",
                schema: "catalog",
                table: "levels",
                column: "Rank",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_requirements_LevelId",
                schema: "catalog",
                table: "requirements",
                column: "LevelId");

            migrationBuilder.CreateIndex(
                name: "IX_requirements_RoleId_LevelId",
                schema: "catalog",
                table: "requirements",
                columns: new[] { "RoleId", "LevelId" });

            migrationBuilder.CreateIndex(
                name: "IX_requirements_RoleId_SkillId_LevelId",
                schema: "catalog",
                table: "requirements",
                columns: new[] { "RoleId", "SkillId", "LevelId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_requirements_SkillId",
                schema: "catalog",
                table: "requirements",
                column: "SkillId");

            migrationBuilder.CreateIndex(
                name: "IX_role_levels_LevelId",
                schema: "catalog",
                table: "role_levels",
                column: "LevelId");

            migrationBuilder.CreateIndex(
                name: "IX_roles_FamilyId",
                schema: "catalog",
                table: "roles",
                column: "FamilyId");

            migrationBuilder.CreateIndex(
                name: "IX_roles_Slug",
                schema: "catalog",
                table: "roles",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_skills_DomainId",
                schema: "catalog",
                table: "skills",
                column: "DomainId");

            migrationBuilder.CreateIndex(
                name: "IX_skills_Slug",
                schema: "catalog",
                table: "skills",
                column: "Slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "changes",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "requirements",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "role_levels",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "skills",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "levels",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "roles",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "domains",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "families",
                schema: "catalog");
        }
    }
}
