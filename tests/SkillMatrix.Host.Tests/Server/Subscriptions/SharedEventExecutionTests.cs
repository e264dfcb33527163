using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Platform.Data.Events;
using SkillMatrix.Host.Tests.Community;

namespace SkillMatrix.Host.Tests.Server.Subscriptions;

/// <summary>
/// One event, one execution per distinct anonymous subscription: anonymous subscribers of the same document share the
/// event's loads (the SQL statements of five are those of one) and get the same answer; a signed-in subscriber's event
/// is executed for them alone, since their fields may depend on who they are.
/// </summary>
public sealed class SharedEventExecutionTests
{
    private const string ProposalEvents =
        """subscription { proposalChanged(roleSlug: "backend-developer-python") { kind proposal { id title score } } }""";

    [Fact]
    public async Task Anonymous_subscribers_of_one_document_share_an_events_execution_and_a_signed_in_one_does_not()
    {
        var statements = new SqlStatementCounter();
        await using var host = await TestHost.Start().OnKestrel().WithSignIn().WithInterceptor(statements).BuildAsync();
        var api = new CommunityApi(host);
        var proposal = (string)(await api.ProposeAsync(api.SignIn("Author"), title: "Shared"))["id"]!;
        var proposalKey = int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(proposal)).Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);

        var first = await SubscribeAsync(host, null);
        statements.Clear();
        Publish(host, proposalKey);
        var alone = (await first.NextDataAsync("p")).ToJsonString();
        var oneExecution = statements.Statements.Count;
        Assert.True(oneExecution > 0, "the event's proposal is loaded from the database");

        var anonymous = new List<GraphQLWebSocket> { first };
        for (var i = 0; i < 4; i++)
        {
            anonymous.Add(await SubscribeAsync(host, null));
        }

        var member = await SubscribeAsync(host, api.SignIn("Watcher").Token);
        statements.Clear();
        Publish(host, proposalKey);
        foreach (var client in anonymous)
        {
            Assert.Equal(alone, (await client.NextDataAsync("p")).ToJsonString());
        }

        Assert.Equal(alone, (await member.NextDataAsync("p")).ToJsonString());
        // Five anonymous subscribers: one execution; the member: one of their own.
        Assert.Equal(2 * oneExecution, statements.Statements.Count);

        foreach (var client in anonymous.Append(member))
        {
            await client.DisposeAsync();
        }
    }

    private static async Task<GraphQLWebSocket> SubscribeAsync(TestHost host, string? token)
    {
        var client = await GraphQLWebSocket.OpenAsync(host, token);
        await client.SubscribeAsync("p", ProposalEvents);
        await client.SendAsync(new { type = "ping" });
        await client.ExpectAsync("pong");
        return client;
    }

    /// <summary>A VOTED event of the proposal, straight onto the bus (the Community's event record is internal, so it is made by name).</summary>
    private static void Publish(TestHost host, int proposalKey)
    {
        var eventType = Type.GetType("SkillMatrix.Community.Live.ProposalChanged, SkillMatrix.Community", throwOnError: true)!;
        var kind = Enum.Parse(Type.GetType("SkillMatrix.Community.Live.ProposalEventKind, SkillMatrix.Community", throwOnError: true)!, "Voted");
        var publish = typeof(IEventBus).GetMethod(nameof(IEventBus.Publish))!.MakeGenericMethod(eventType);
        publish.Invoke(host.Services.GetRequiredService<IEventBus>(), ["proposalChanged:backend-developer-python", Activator.CreateInstance(eventType, kind, proposalKey)!]);
    }
}
