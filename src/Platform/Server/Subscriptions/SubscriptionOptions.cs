namespace Platform.Server.Subscriptions;

/// <summary>The <c>GraphQL:Subscriptions</c> section: the limits of live connections.</summary>
public sealed class SubscriptionOptions
{
    public const string SectionName = "GraphQL:Subscriptions";

    /// <summary>A WebSocket that has not sent <c>connection_init</c> by then is closed with 4408.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Active subscriptions on one WebSocket; past it a subscribe is answered with an error.</summary>
    public int MaxSubscriptionsPerConnection { get; set; } = 25;

    /// <summary>Active subscriptions of one signed-in member over all their connections.</summary>
    public int MaxSubscriptionsPerMember { get; set; } = 50;

    /// <summary>Open WebSockets and event streams from one client address; past it the request is refused with 429.</summary>
    public int MaxConnectionsPerClientIp { get; set; } = 100;

    /// <summary>
    /// Messages waiting to be written to one connection. A client that reads slower than its events arrive is
    /// disconnected when its queue is full, instead of the server buffering for it without bound.
    /// </summary>
    public int MaxPendingMessages { get; set; } = 100;

    /// <summary>The largest WebSocket message read from a client.</summary>
    public int MaxMessageBytes { get; set; } = 1024 * 1024;
}
