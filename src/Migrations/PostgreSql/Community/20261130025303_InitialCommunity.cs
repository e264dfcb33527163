using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SkillMatrix.Migrations.PostgreSql.Community
{
    /// <inheritdoc />
    public partial class InitialCommunity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "community");

            migrationBuilder.CreateTable(
                name: "members",
                schema: "community",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_members", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "proposals",
                schema: "community",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<int>(type: "integer", nullable: false),
                    RoleSlug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false, collation: "C"),
                    Rationale = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false, collation: "C"),
                    SkillSlug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    SkillName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    DomainSlug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    DomainName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    IsNewSkill = table.Column<bool>(type: "boolean", nullable: false),
                    LevelId = table.Column<int>(type: "integer", nullable: false),
                    LevelKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    From = table.Column<int>(type: "integer", nullable: true),
                    To = table.Column<int>(type: "integer", nullable: true),
                    Mandatory = table.Column<bool>(type: "boolean", nullable: false),
                    AuthorId = table.Column<string>(type: "character varying(200)", nullable: false, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpVotes = table.Column<int>(type: "integer", nullable: false),
                    DownVotes = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_proposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_proposals_members_AuthorId",
                        column: x => x.AuthorId,
                        principalSchema: "community",
                        principalTable: "members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "watches",
                schema: "community",
                columns: table => new
                {
                    RoleId = table.Column<int>(type: "integer", nullable: false),
                    MemberId = table.Column<string>(type: "character varying(200)", nullable: false, collation: "C"),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_watches", x => new { x.RoleId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_watches_members_MemberId",
                        column: x => x.MemberId,
                        principalSchema: "community",
                        principalTable: "members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "comments",
                schema: "community",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProposalId = table.Column<int>(type: "integer", nullable: false),
                    AuthorId = table.Column<string>(type: "character varying(200)", nullable: false, collation: "C"),
                    Body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_comments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_comments_members_AuthorId",
                        column: x => x.AuthorId,
                        principalSchema: "community",
                        principalTable: "members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_comments_proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalSchema: "community",
                        principalTable: "proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                schema: "community",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<string>(type: "character varying(200)", nullable: false, collation: "C"),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    ProposalId = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_notifications_members_MemberId",
                        column: x => x.MemberId,
                        principalSchema: "community",
                        principalTable: "members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_notifications_proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalSchema: "community",
                        principalTable: "proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reviews",
                schema: "community",
                columns: table => new
                {
                    ProposalId = table.Column<int>(type: "integer", nullable: false),
                    ReviewerId = table.Column<string>(type: "character varying(200)", nullable: false, collation: "C"),
                    Decision = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true, collation: "C"),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reviews", x => x.ProposalId);
                    table.ForeignKey(
                        name: "FK_reviews_members_ReviewerId",
                        column: x => x.ReviewerId,
                        principalSchema: "community",
                        principalTable: "members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_reviews_proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalSchema: "community",
                        principalTable: "proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "votes",
                schema: "community",
                columns: table => new
                {
                    ProposalId = table.Column<int>(type: "integer", nullable: false),
                    MemberId = table.Column<string>(type: "character varying(200)", nullable: false, collation: "C"),
                    Value = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_votes", x => new { x.ProposalId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_votes_members_MemberId",
                        column: x => x.MemberId,
                        principalSchema: "community",
                        principalTable: "members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_votes_proposals_ProposalId",
                        column: x => x.ProposalId,
                        principalSchema: "community",
                        principalTable: "proposals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_comments_AuthorId",
                schema: "community",
                table: "comments",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_comments_ProposalId",
                schema: "community",
                table: "comments",
                column: "ProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_notifications_MemberId_Id",
                schema: "community",
                table: "notifications",
                columns: new[] { "MemberId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_ProposalId",
                schema: "community",
                table: "notifications",
                column: "ProposalId");

            migrationBuilder.CreateIndex(
                name: "IX_proposals_AuthorId",
                schema: "community",
                table: "proposals",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_proposals_RoleId_Status",
                schema: "community",
                table: "proposals",
                columns: new[] { "RoleId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_reviews_ReviewerId",
                schema: "community",
                table: "reviews",
                column: "ReviewerId");

            migrationBuilder.CreateIndex(
                name: "IX_votes_MemberId",
                schema: "community",
                table: "votes",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_watches_MemberId",
                schema: "community",
                table: "watches",
                column: "MemberId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "comments",
                schema: "community");

            migrationBuilder.DropTable(
                name: "notifications",
                schema: "community");

            migrationBuilder.DropTable(
                name: "reviews",
                schema: "community");

            migrationBuilder.DropTable(
                name: "votes",
                schema: "community");

            migrationBuilder.DropTable(
                name: "watches",
                schema: "community");

            migrationBuilder.DropTable(
                name: "proposals",
                schema: "community");

            migrationBuilder.DropTable(
                name: "members",
                schema: "community");
        }
    }
}
