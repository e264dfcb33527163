using GraphQL;
using GraphQL.Types;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Platform.Data.Schema;
using Platform.Server.Security;
using SkillMatrix.Community;

namespace SkillMatrix.Host.Tests.Testing;

/// <summary>
/// Test-only root fields: the Host has no field that needs sign-in of its own yet, so these stand in for one.
/// </summary>
internal sealed class ViewerTestSlice : ISchemaSlice
{
    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<StringGraphType>("viewer").Authorize().Resolve(context => context.User.GetMemberId());
        query.Field<StringGraphType>("viewerName").Authorize().Resolve(context => context.User.GetMemberName());
        query.Field<ListGraphType<StringGraphType>>("viewerRoles").Authorize()
            .Resolve(context => context.User!.FindAll(TokenClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToList());
        query.Field<StringGraphType>("expertProbe").AuthorizeWithRoles(CommunityModule.ExpertRole).Resolve(_ => "expert");
    }
}

/// <summary>Test-only fields for the limits: SQL that never ends unless cancelled, and a resolver that fails.</summary>
internal sealed class LimitsTestSlice : ISchemaSlice
{
    public void AddQueryFields(ObjectGraphType query)
    {
        query.Field<LongGraphType>("endlessSql").ResolveAsync(async context =>
        {
            // Through EF Core on the request's connection, with the container's interceptors, as a module's query runs.
            var services = context.RequestServices!;
            var options = new DbContextOptionsBuilder<DbContext>()
                .UseSqlite(services.GetRequiredService<SqliteConnection>())
                .AddInterceptors(services.GetServices<IInterceptor>())
                .Options;
            await using var db = new DbContext(options);
            // Counts for ever: only an interrupt of the connection ends it.
            return await db.Database
                .SqlQueryRaw<long>("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) AS Value FROM c")
                .SingleAsync(context.CancellationToken);
        });
        query.Field<StringGraphType>("explode").Resolve(_ => throw new InvalidOperationException("connection string Password=hunter2"));
        // An exception whose message and stack are huge (a recursion 300 deep, a 100,000-character message).
        query.Field<StringGraphType>("explodeLoudly").Resolve(_ => Deep(300));
    }

    private static string Deep(int levels) =>
        levels == 0 ? throw new InvalidOperationException(new string('x', 100_000)) : Deep(levels - 1) + "";
}
