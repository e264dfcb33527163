using System.Text.Json;
using Microsoft.Extensions.Logging;
using Platform.Data.Events;
using StackExchange.Redis;

namespace Platform.Hosting.Redis;

/// <summary>
/// Live events across replicas, through Redis pub/sub (<c>Redis:Configuration</c>): a replica publishes a committed
/// change's message as JSON on <c>{product}:events:{topic}</c>, and every replica (itself included) hands it to its own
/// subscribers of that topic, so a subscriber on one replica hears a mutation made on another. Pub/sub, not a stream:
/// a live event that no replica is listening for has no one to wait for it. When Redis does not answer a publish, the
/// message still reaches this replica's subscribers (and a Warning says the others missed it), so one replica's
/// subscribers never go quiet because of Redis.
/// </summary>
internal sealed class RedisEventBus : IEventBus, IDisposable
{
    private readonly SharedRedis redis;
    private readonly ILogger<RedisEventBus> logger;

    // Publishing only queues; one loop sends them, so a replica's events reach Redis in the order they were published
    // (a vote's VOTED before its STATUS_CHANGED) and a mutation's thread never waits for Redis.
    private readonly System.Threading.Channels.Channel<(string Topic, string Json)> outgoing =
        System.Threading.Channels.Channel.CreateUnbounded<(string, string)>(new() { SingleReader = true });
    private readonly Task publisher;

    public RedisEventBus(SharedRedis redis, ILogger<RedisEventBus> logger)
    {
        this.redis = redis;
        this.logger = logger;
        publisher = Task.Run(PublishLoopAsync);
    }

    private readonly InProcessEventBus local = new();
    private readonly SemaphoreSlim subscribing = new(1, 1);
    private volatile bool subscribed;

    private string Prefix => redis.KeyPrefix + "events:";

    public void Publish<T>(string topic, T message) where T : notnull =>
        outgoing.Writer.TryWrite((topic, JsonSerializer.Serialize(message)));

    public void Dispose()
    {
        outgoing.Writer.TryComplete();
        publisher.Wait(TimeSpan.FromSeconds(5));
        local.Dispose();
    }

    private async Task PublishLoopAsync()
    {
        await foreach (var (topic, json) in outgoing.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await PublishAsync(topic, json).ConfigureAwait(false);
        }
    }

    public IObservable<T> Observe<T>(string topic) where T : notnull => new TopicObservable<T>(this, topic);

    private async Task PublishAsync(string topic, string json)
    {
        try
        {
            await EnsureSubscribedAsync().ConfigureAwait(false);
            var subscriber = (await redis.DatabaseAsync().ConfigureAwait(false)).Multiplexer.GetSubscriber();
            await subscriber.PublishAsync(RedisChannel.Literal(Prefix + topic), json).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or InvalidOperationException)
        {
            logger.LogWarning("Redis at {RedisEndpoints} did not take a live event ({Topic}): only this replica's subscribers get it. {Reason}",
                redis.Endpoints, topic, exception.Message);
            Dispatch(topic, json);
        }
    }

    // One pattern subscription per process, made when the bus is first used; messages arrive in publication order.
    private async Task EnsureSubscribedAsync()
    {
        if (subscribed)
        {
            return;
        }

        await subscribing.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!subscribed)
            {
                var subscriber = (await redis.DatabaseAsync().ConfigureAwait(false)).Multiplexer.GetSubscriber();
                // A message queue, not a handler: its messages are handed over one at a time, in the order they came.
                var queue = await subscriber.SubscribeAsync(RedisChannel.Pattern(Prefix + "*")).ConfigureAwait(false);
                queue.OnMessage(message => Dispatch(message.Channel.ToString()[Prefix.Length..], message.Message.ToString()));
                subscribed = true;
            }
        }
        finally
        {
            subscribing.Release();
        }
    }

    // Every replica's subscribers are this process's in-process bus: a message from Redis (or one Redis did not take)
    // is handed to it as JSON, in the order it came, and each subscriber reads it as its own type.
    private void Dispatch(string topic, string json) => local.Publish(topic, new Received(json));

    private sealed record Received(string Json);

    private sealed class TopicObservable<T>(RedisEventBus bus, string topic) : IObservable<T> where T : notnull
    {
        public IDisposable Subscribe(IObserver<T> observer)
        {
            var subscription = bus.local.Observe<Received>(topic).Subscribe(new Deserializing<T>(observer));
            try
            {
                // Listening before the subscriber's transport acknowledges it: an event published after that reaches it.
                bus.EnsureSubscribedAsync().GetAwaiter().GetResult();
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException or InvalidOperationException)
            {
                // Redis down: this replica's own events still reach the subscriber (see PublishAsync); the next
                // subscriber or publish tries Redis again.
                bus.logger.LogWarning("Redis at {RedisEndpoints} did not take a subscription to live events: only this replica's events reach it until it does. {Reason}",
                    bus.redis.Endpoints, exception.Message);
            }

            return subscription;
        }
    }

    private sealed class Deserializing<T>(IObserver<T> observer) : IObserver<Received>
    {
        public void OnNext(Received value)
        {
            if (JsonSerializer.Deserialize<T>(value.Json) is { } message)
            {
                observer.OnNext(message);
            }
        }

        public void OnError(Exception error) => observer.OnError(error);

        public void OnCompleted() => observer.OnCompleted();
    }
}
