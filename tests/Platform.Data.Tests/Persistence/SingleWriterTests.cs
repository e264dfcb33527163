using Platform.Data.Persistence;

namespace Platform.Data.Tests.Persistence;

/// <summary>The mutations of a process take turns on a one-writer database: one at a time, in order, and a wait given up takes no turn.</summary>
public sealed class SingleWriterTests
{
    [Fact]
    public async Task Writers_take_turns_in_the_order_they_came()
    {
        var writer = new SingleWriter(oneAtATime: true);
        await writer.EnterAsync(CancellationToken.None);

        var second = writer.EnterAsync(CancellationToken.None);
        var third = writer.EnterAsync(CancellationToken.None);
        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted);

        writer.Exit();
        await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(third.IsCompleted);

        writer.Exit();
        await third.WaitAsync(TimeSpan.FromSeconds(5));
        writer.Exit();
    }

    [Fact]
    public async Task A_wait_given_up_takes_no_turn()
    {
        var writer = new SingleWriter(oneAtATime: true);
        await writer.EnterAsync(CancellationToken.None);
        using var giveUp = new CancellationTokenSource();

        var waiting = writer.EnterAsync(giveUp.Token);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        writer.Exit();
        var next = writer.EnterAsync(CancellationToken.None);
        Assert.True(next.IsCompletedSuccessfully); // the turn was free: the cancelled wait did not hold it
        writer.Exit();
    }

    [Fact]
    public async Task A_database_of_many_writers_lets_everyone_through()
    {
        var writer = new SingleWriter(oneAtATime: false);

        await writer.EnterAsync(CancellationToken.None);
        var second = writer.EnterAsync(CancellationToken.None);

        Assert.True(second.IsCompletedSuccessfully);
        writer.Exit();
        writer.Exit();
    }
}
