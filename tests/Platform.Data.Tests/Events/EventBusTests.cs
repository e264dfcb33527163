using System.Collections.Concurrent;
using Platform.Data.Events;

namespace Platform.Data.Tests.Events;

/// <summary>The in-process bus and the outbox that publishes through it only when told the transaction committed.</summary>
public sealed class EventBusTests
{
    private sealed record Happened(int Number);

    private sealed class Collector<T> : IObserver<T>
    {
        public BlockingCollection<T> Received { get; } = [];

        public void OnNext(T value) => Received.Add(value);

        public void OnError(Exception error) => throw error;

        public void OnCompleted()
        {
        }

        public T Next() => Received.TryTake(out var value, TimeSpan.FromSeconds(5)) ? value : throw new TimeoutException("Nothing was delivered.");

        public bool Idle() => !Received.TryTake(out _, TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Subscribers_of_a_topic_get_its_messages_in_order_and_no_other_topics()
    {
        using var bus = new InProcessEventBus();
        var (first, second, other) = (new Collector<Happened>(), new Collector<Happened>(), new Collector<Happened>());
        using var a = bus.Observe<Happened>("t").Subscribe(first);
        using var b = bus.Observe<Happened>("t").Subscribe(second);
        using var c = bus.Observe<Happened>("u").Subscribe(other);

        for (var i = 0; i < 100; i++)
        {
            bus.Publish("t", new Happened(i));
        }

        Assert.Equal(Enumerable.Range(0, 100), Enumerable.Range(0, 100).Select(_ => first.Next().Number));
        Assert.Equal(Enumerable.Range(0, 100), Enumerable.Range(0, 100).Select(_ => second.Next().Number));
        Assert.True(other.Idle());
    }

    [Fact]
    public void A_disposed_subscription_hears_nothing_more_and_a_throwing_one_does_not_stop_the_others()
    {
        using var bus = new InProcessEventBus();
        var kept = new Collector<Happened>();
        var dropped = new Collector<Happened>();
        using var throwing = bus.Observe<Happened>("t").Subscribe(new Collector<Happened>(), next: _ => throw new InvalidOperationException("broken"));
        using var keep = bus.Observe<Happened>("t").Subscribe(kept);
        var drop = bus.Observe<Happened>("t").Subscribe(dropped);

        drop.Dispose();
        bus.Publish("t", new Happened(1));

        Assert.Equal(1, kept.Next().Number);
        Assert.True(dropped.Idle());
    }

    [Fact]
    public void The_outbox_publishes_on_flush_only_and_forgets_on_discard()
    {
        using var bus = new InProcessEventBus();
        var heard = new Collector<Happened>();
        using var subscription = bus.Observe<Happened>("t").Subscribe(heard);
        var outbox = new EventOutbox(bus);
        var number = 0;

        outbox.Enqueue("t", new Happened(1));
        outbox.Discard();
        // Made when flushed: an id the database gives on SaveChanges is there by then.
        outbox.Enqueue("t", () => new Happened(number));
        number = 2;
        Assert.True(heard.Idle());
        outbox.Flush();
        outbox.Flush();

        Assert.Equal(2, heard.Next().Number);
        Assert.True(heard.Idle());
    }
}

internal static class ObservableTestExtensions
{
    public static IDisposable Subscribe<T>(this IObservable<T> source, IObserver<T> fallback, Action<T> next) =>
        source.Subscribe(new Delegating<T>(next, fallback));

    private sealed class Delegating<T>(Action<T> next, IObserver<T> rest) : IObserver<T>
    {
        public void OnNext(T value) => next(value);

        public void OnError(Exception error) => rest.OnError(error);

        public void OnCompleted() => rest.OnCompleted();
    }
}
