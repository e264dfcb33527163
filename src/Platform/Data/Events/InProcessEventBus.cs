using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Platform.Data.Events;

/// <summary>
/// The bus of one process. Publishing only queues the message, so a mutation's thread never runs subscribers' work; one
/// dispatcher hands messages to their topic's observers in publication order (so each subscriber sees them in order).
/// An observer that throws is dropped from delivery of that message only: one broken subscriber never stops the others.
/// </summary>
public sealed class InProcessEventBus : IEventBus, IDisposable
{
    private readonly ConcurrentDictionary<string, ImmutableObservers> topics = new(StringComparer.Ordinal);
    private readonly Channel<(string Topic, object Message)> queue = Channel.CreateUnbounded<(string, object)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task dispatcher;

    public InProcessEventBus() => dispatcher = Task.Run(DispatchAsync);

    public void Publish<T>(string topic, T message) where T : notnull => queue.Writer.TryWrite((topic, message));

    public IObservable<T> Observe<T>(string topic) where T : notnull => new TopicObservable<T>(this, topic);

    public void Dispose()
    {
        queue.Writer.TryComplete();
        dispatcher.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task DispatchAsync()
    {
        await foreach (var (topic, message) in queue.Reader.ReadAllAsync())
        {
            if (!topics.TryGetValue(topic, out var observers))
            {
                continue;
            }

            foreach (var observer in observers.Items)
            {
                try
                {
                    observer(message);
                }
                catch (Exception)
                {
                    // A subscriber's own failure is its transport's to report; the others still get the message.
                }
            }
        }
    }

    private void Add(string topic, Action<object> observer) =>
        topics.AddOrUpdate(topic, _ => new([observer]), (_, existing) => new([.. existing.Items, observer]));

    private void Remove(string topic, Action<object> observer)
    {
        while (topics.TryGetValue(topic, out var existing))
        {
            var remaining = existing.Items.Where(o => o != observer).ToArray();
            var replaced = remaining.Length == 0
                ? topics.TryRemove(new KeyValuePair<string, ImmutableObservers>(topic, existing))
                : topics.TryUpdate(topic, new(remaining), existing);
            if (replaced)
            {
                return;
            }
        }
    }

    // Copied on write: the dispatcher reads a topic's observers without a lock while subscribers come and go.
    private sealed record ImmutableObservers(Action<object>[] Items);

    private sealed class TopicObservable<T>(InProcessEventBus bus, string topic) : IObservable<T> where T : notnull
    {
        public IDisposable Subscribe(IObserver<T> observer)
        {
            Action<object> deliver = message =>
            {
                if (message is T typed)
                {
                    observer.OnNext(typed);
                }
            };
            bus.Add(topic, deliver);
            return new Unsubscriber(() => bus.Remove(topic, deliver));
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
