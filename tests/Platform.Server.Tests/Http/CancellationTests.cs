using Microsoft.Extensions.DependencyInjection;

namespace Platform.Server.Tests.Http;

/// <summary>The client's disconnect (HttpContext.RequestAborted) cancels the execution.</summary>
public sealed class CancellationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Client_disconnect_cancels_the_resolver(bool useKestrel)
    {
        await using var server = await ToyServer.Create().OnKestrel(useKestrel).StartAsync();
        var probe = server.Services.GetRequiredService<CancellationProbe>();
        using var disconnect = new CancellationTokenSource();

        var call = server.Client.SendAsync(GraphQLHttp.PostQuery("{ waitForCancel }"), disconnect.Token);
        await probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await disconnect.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await probe.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
