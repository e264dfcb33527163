using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using SkillMatrix.Host.Tests.Host.Cli;

namespace SkillMatrix.Host.Tests.Host.Cli;

/// <summary>
/// The <c>token</c> verb of the built Host, run as a user runs it, with the test's Auth settings handed to the child
/// through environment variables: its last line is a token the server accepts.
/// </summary>
public sealed class TokenVerbTests(SignedInHost fixture) : IClassFixture<SignedInHost>, IDisposable
{
    private readonly string database = HostCommand.NewDatabasePath();

    [Fact]
    public async Task The_printed_token_signs_in_with_its_subject_name_and_roles()
    {
        var run = await RunTokenVerbAsync(TestAuth.SigningKey, "token", "--sub", "carol", "--name", "Carol", "--role", "expert", "--lifetime", "2h");

        Assert.True(run.ExitCode == 0, run.ToString());
        var token = run.StandardOutput.TrimEnd().Split('\n')[^1].Trim();
        var jwt = new JsonWebTokenHandler().ReadJsonWebToken(token);
        Assert.Equal("carol", jwt.Subject);
        Assert.Equal(["member", "expert"], jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value));
        Assert.Equal(TimeSpan.FromHours(2), jwt.ValidTo - jwt.IssuedAt);

        var reply = await fixture.Host.Anonymous().QueryAsync("{ viewer viewerName expertProbe }", token);

        Assert.True(reply.Status == HttpStatusCode.OK, reply.ToString());
        Assert.Equal("carol", (string?)reply.Data?["viewer"]);
        Assert.Equal("Carol", (string?)reply.Data?["viewerName"]);
        Assert.Equal("expert", (string?)reply.Data?["expertProbe"]);
    }

    [Fact]
    public async Task A_short_signing_key_makes_the_verb_fail_and_say_why()
    {
        var run = await RunTokenVerbAsync("short", "token", "--sub", "carol");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("at least 32 bytes", run.StandardError, StringComparison.Ordinal);
        Assert.Equal("", run.StandardOutput.Trim());
    }

    private Task<ChildProcessResult> RunTokenVerbAsync(string signingKey, params string[] arguments) =>
        HostCommand.RunAsync(database, TestAuth.Environment(signingKey), arguments);

    public void Dispose() => HostCommand.DeleteDatabase(database);
}
