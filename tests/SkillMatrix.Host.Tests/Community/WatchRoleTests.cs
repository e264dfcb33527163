namespace SkillMatrix.Host.Tests.Community;

/// <summary>watchRole / unwatchRole: idempotent, counted per role, and seen by each viewer as their own.</summary>
public abstract class WatchRoleTests(HostFixture fixture)
{
    public sealed class OnSqlite(TwoRolesHost host) : WatchRoleTests(host), IClassFixture<TwoRolesHost>;

    public sealed class OnPostgreSql(PostgreSqlHost<TwoRolesHost> host) : WatchRoleTests(host), IClassFixture<PostgreSqlHost<TwoRolesHost>>;

    private const string Other = TwoRolesHost.OtherRole;

    private CommunityApi Api { get; } = new(fixture.Host);

    private async Task<(int Count, bool Watching)> ReadAsync(string role, Person? viewer)
    {
        var data = await Api.DataAsync($$"""{ role(slug: "{{role}}") { watcherCount viewerIsWatching } }""", token: viewer?.Token);
        return ((int)data["role"]!["watcherCount"]!, (bool)data["role"]!["viewerIsWatching"]!);
    }

    private static (int Count, bool Watching) Role(System.Text.Json.Nodes.JsonNode payload)
    {
        CommunityApi.AssertNoErrors(payload);
        return ((int)payload["role"]!["watcherCount"]!, (bool)payload["role"]!["viewerIsWatching"]!);
    }

    [Fact]
    public async Task Watching_twice_is_one_watch_and_unwatching_twice_is_none()
    {
        // Only this test watches the second role.
        var member = Api.SignIn("Watcher");
        Assert.Equal((0, false), await ReadAsync(Other, member));

        Assert.Equal((1, true), Role(await Api.WatchAsync(member, Other)));
        Assert.Equal((1, true), Role(await Api.WatchAsync(member, Other)));
        Assert.Equal((1, true), await ReadAsync(Other, member));

        Assert.Equal((0, false), Role(await Api.UnwatchAsync(member, Other)));
        Assert.Equal((0, false), Role(await Api.UnwatchAsync(member, Other)));
        Assert.Equal((0, false), await ReadAsync(Other, member));
    }

    [Fact]
    public async Task ViewerIsWatching_is_each_viewers_own_and_false_when_anonymous()
    {
        var (watcher, other) = (Api.SignIn("Watcher"), Api.SignIn("Other"));
        var (before, _) = await ReadAsync(CommunityApi.Role, null);

        Assert.Equal((before + 1, true), Role(await Api.WatchAsync(watcher)));

        Assert.Equal((before + 1, true), await ReadAsync(CommunityApi.Role, watcher));
        Assert.Equal((before + 1, false), await ReadAsync(CommunityApi.Role, other));
        Assert.Equal((before + 1, false), await ReadAsync(CommunityApi.Role, null));
        // Watching one role is not watching another.
        Assert.False((await ReadAsync(Other, watcher)).Watching);

        Assert.Equal((before + 2, true), Role(await Api.WatchAsync(other)));
        Assert.Equal((before + 1, false), Role(await Api.UnwatchAsync(watcher)));
        Assert.Equal((before + 1, true), await ReadAsync(CommunityApi.Role, other));
    }

    [Fact]
    public async Task Unwatching_a_role_never_watched_is_fine()
    {
        var (count, _) = await ReadAsync(CommunityApi.Role, null);

        Assert.Equal((count, false), Role(await Api.UnwatchAsync(Api.SignIn("Never"))));
    }

    [Fact]
    public async Task Each_role_in_a_list_of_roles_has_its_own_figures()
    {
        var member = Api.SignIn("Lister");
        await Api.WatchAsync(member, Other);

        var data = await Api.DataAsync("{ roles(first: 10) { nodes { slug watcherCount viewerIsWatching } } }", token: member.Token);

        var roles = data["roles"]!["nodes"]!.AsArray().ToDictionary(r => (string)r!["slug"]!, r => (bool)r!["viewerIsWatching"]!);
        Assert.True(roles[Other]);
        Assert.False(roles[CommunityApi.Role]);
        await Api.UnwatchAsync(member, Other);
    }

    [Theory]
    [InlineData("watchRole", "WatchRoleInput")]
    [InlineData("unwatchRole", "UnwatchRoleInput")]
    public async Task An_unknown_role_is_not_found(string field, string inputType)
    {
        var payload = await Api.MutateAsync(field, inputType, new { roleSlug = "no-such-role" },
            "role { slug } errors { __typename ... on Error { message } }", Api.SignIn("Lost").Token);

        CommunityApi.AssertError(payload, "NotFoundError", "role");
    }
}
