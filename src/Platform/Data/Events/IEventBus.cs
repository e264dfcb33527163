namespace Platform.Data.Events;

/// <summary>
/// Where committed changes are announced to live subscribers, by topic. <see cref="InProcessEventBus"/> reaches the
/// subscribers of this process only; the hosting layer's Redis bus, which reaches every replica, replaces it through the
/// container when Redis is configured (and hands what it receives to an in-process bus of its own). So that it can carry them,
/// messages are small records of keys and values that serialize to JSON (ids, a kind, a version), never entities or
/// graphs: a subscriber loads what its selection asks for when the message arrives.
/// Publish only what has committed: modules enqueue into the request's <see cref="EventOutbox"/>, which the mutation's
/// transaction flushes after its commit.
/// </summary>
public interface IEventBus
{
    void Publish<T>(string topic, T message) where T : notnull;

    /// <summary>The messages published on <paramref name="topic"/> from now on; disposing the subscription stops them.</summary>
    IObservable<T> Observe<T>(string topic) where T : notnull;
}
