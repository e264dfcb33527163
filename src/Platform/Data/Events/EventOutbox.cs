namespace Platform.Data.Events;

/// <summary>
/// The events a request's mutation will announce, held until its transaction commits (<see cref="Persistence.ModuleTransaction"/>
/// flushes them then, and discards them on a rollback): a subscriber never hears of a change that did not happen.
/// Scoped, one per request. A message is made when flushed, so it may carry ids the database gave on SaveChanges.
/// </summary>
public sealed class EventOutbox(IEventBus bus)
{
    private readonly List<Action<IEventBus>> pending = [];

    public void Enqueue<T>(string topic, Func<T> message) where T : notnull => pending.Add(target => target.Publish(topic, message()));

    public void Enqueue<T>(string topic, T message) where T : notnull => pending.Add(target => target.Publish(topic, message));

    /// <summary>After the commit: publishes what was enqueued, in order, once.</summary>
    public void Flush()
    {
        var events = pending.ToArray();
        pending.Clear();
        foreach (var publish in events)
        {
            publish(bus);
        }
    }

    /// <summary>After a rollback: nothing happened, so nothing is announced.</summary>
    public void Discard() => pending.Clear();
}
