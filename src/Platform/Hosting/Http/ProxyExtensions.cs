using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;

namespace Platform.Hosting.Http;

/// <summary>
/// Running behind a reverse proxy, as replicas do. <c>ForwardedHeaders:KnownProxies</c> lists the proxies' addresses:
/// only a request whose connection comes from one of them has its <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
/// believed, and only the last hop (the one that proxy wrote), so the client address the rate limit charges is the real
/// client's and a client cannot name another by sending the header itself. None listed (the default), the headers are
/// ignored: ASP.NET Core would otherwise trust any loopback sender. <c>Replica:Name</c> set, every answer says who
/// served it in <c>X-Served-By</c> (for an operator following a request through the balancer); unset, nothing.
/// </summary>
public static class ProxyExtensions
{
    public const string KnownProxiesKey = "ForwardedHeaders:KnownProxies";
    public const string ReplicaNameKey = "Replica:Name";
    public const string ServedByHeader = "X-Served-By";

    /// <summary>First in the pipeline, so that everything after it (the rate limit, the logs) sees the client's address.</summary>
    public static IApplicationBuilder UseProxies(this IApplicationBuilder app)
    {
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        if (configuration[ReplicaNameKey] is { Length: > 0 } replica)
        {
            app.Use((context, next) =>
            {
                context.Response.Headers[ServedByHeader] = replica;
                return next(context);
            });
        }

        var proxies = KnownProxies(configuration);
        if (proxies.Length == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = 1,
        };
        // The defaults trust loopback; only the configured proxies count.
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(proxy);
        }

        return app.UseForwardedHeaders(options);
    }

    private static IPAddress[] KnownProxies(IConfiguration configuration)
    {
        var section = configuration.GetSection(KnownProxiesKey);
        var listed = section.Get<string[]>() ?? (section.Value is { } text ? text.Split(',') : []);
        return listed.Select(p => p.Trim()).Where(p => p.Length > 0).Select(p => IPAddress.TryParse(p, out var address)
            ? address
            : throw new InvalidOperationException($"{KnownProxiesKey}: '{p}' is not an IP address.")).ToArray();
    }
}
