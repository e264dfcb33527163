using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using SkillMatrix.Host.Tests.Community;

namespace SkillMatrix.Host.Tests.Host.ScaleOut;

/// <summary>
/// The Host's PostgreSQL backend terminated (<c>pg_terminate_backend</c>, from a connection of the test's own, found
/// by the Host's <c>Application Name</c>) in the middle of a vote: after the vote's row was written, before the
/// proposal's tally. The server rolls the transaction back; the mutation runs again on a new connection.
/// </summary>
public sealed class BackendTerminationTests
{
    private const string Vote = "mutation($input: VoteOnProposalInput!) { voteOnProposal(input: $input) { proposal { score } errors { __typename } } }";

    [Fact]
    public async Task A_backend_terminated_in_the_middle_of_a_vote_leaves_no_partial_write_and_the_vote_is_retried()
    {
        await WithTerminationsAsync(times: 1, async (api, id, key, terminator, scalar) =>
        {
            var voter = api.SignIn("Voter");
            var reply = await api.SendAsync(Vote, new { input = new { proposalId = id, value = "UP" } }, voter.Token);

            Assert.Equal(1, terminator.Terminated);
            Assert.False(reply.HasErrors, reply.ToString());
            Assert.Equal(1, (int)reply.Data!["voteOnProposal"]!["proposal"]!["score"]!);
            // Written once: the first attempt's rows went with its transaction.
            Assert.Equal((1L, 1L, 1L), (await scalar("SELECT count(*) FROM community.votes WHERE \"ProposalId\" = @p", key),
                await scalar("SELECT count(*) FROM community.members WHERE \"Name\" = 'Voter'", key),
                await scalar("SELECT \"Score\" FROM community.proposals WHERE \"Id\" = @p", key)));
        });
    }

    [Fact]
    public async Task A_backend_terminated_at_every_attempt_is_a_clear_error_and_writes_nothing()
    {
        await WithTerminationsAsync(times: int.MaxValue, async (api, id, key, terminator, scalar) =>
        {
            var voter = api.SignIn("Unlucky");
            var reply = await api.SendAsync(Vote, new { input = new { proposalId = id, value = "UP" } }, voter.Token);

            Assert.True(terminator.Terminated > 1, $"{terminator.Terminated} terminations");
            var error = reply.Body["errors"]![0]!;
            Assert.Equal("INTERNAL", (string?)error["extensions"]!["code"]);
            Assert.DoesNotContain(" at ", reply.Body.ToJsonString(), StringComparison.Ordinal); // no stack trace
            Assert.Equal((0L, 0L, 0L), (await scalar("SELECT count(*) FROM community.votes WHERE \"ProposalId\" = @p", key),
                await scalar("SELECT count(*) FROM community.members WHERE \"Name\" = 'Unlucky'", key),
                await scalar("SELECT \"Score\" FROM community.proposals WHERE \"Id\" = @p", key)));
        });
    }

    private static async Task WithTerminationsAsync(int times,
        Func<CommunityApi, string, int, TerminateBackend, Func<string, int, Task<long>>, Task> test)
    {
        var database = TestPostgres.CreateDatabase();
        var application = $"skillmatrix-fault-{Guid.NewGuid():N}";
        var terminator = new TerminateBackend(database, application);
        try
        {
            await using var host = await TestHost.Start().WithSignIn().WithInterceptor(terminator)
                .OnPostgreSql(new NpgsqlConnectionStringBuilder(database) { ApplicationName = application }.ToString()).BuildAsync();
            var api = new CommunityApi(host);
            var id = (string)(await api.ProposeAsync(api.SignIn("Author"), "rest-api-design", "SENIOR", "ADVANCED"))["id"]!;
            var key = int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(id)).Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);

            terminator.Arm(times);
            await test(api, id, key, terminator, async (sql, proposal) =>
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ToString());
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(sql, connection);
                command.Parameters.AddWithValue("p", proposal);
                return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            });
        }
        finally
        {
            TestPostgres.DropDatabase(database);
        }
    }

    /// <summary>
    /// Before the statement that updates a proposal's tally (the vote's second write), terminates the backend of the
    /// connection about to send it and waits until it is gone, so that the statement meets a dead session.
    /// </summary>
    public sealed class TerminateBackend(string database, string application) : DbCommandInterceptor
    {
        private int remaining;
        private int terminated;

        public int Terminated => Volatile.Read(ref terminated);

        public void Arm(int times) => Volatile.Write(ref remaining, times);

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("UPDATE community.proposals", StringComparison.Ordinal) && Interlocked.Decrement(ref remaining) >= 0)
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ToString());
                await connection.OpenAsync(cancellationToken);
                await using var terminate = new NpgsqlCommand(
                    "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = @app AND state = 'idle in transaction') t", connection);
                terminate.Parameters.AddWithValue("app", application);
                Assert.Equal(1L, (long)(await terminate.ExecuteScalarAsync(cancellationToken))!);
                await using var gone = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @app AND state = 'idle in transaction'", connection);
                gone.Parameters.AddWithValue("app", application);
                for (var i = 0; i < 100 && (long)(await gone.ExecuteScalarAsync(cancellationToken))! > 0; i++)
                {
                    await Task.Delay(20, cancellationToken);
                }

                Interlocked.Increment(ref terminated);
            }

            return result;
        }
    }
}
