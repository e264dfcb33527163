using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

using Platform.Server.Observability;

namespace Platform.Hosting.Observability;

/// <summary>
/// Logs, traces and metrics for the whole host in one call each: <c>builder.AddObservability()</c> before
/// <c>Build()</c> and <c>app.MapObservability()</c> after it.
/// <list type="bullet">
/// <item><c>Logging:Json</c>: console logs as JSON lines (with scopes: trace id, span id, request id); by default on
/// everywhere but Development, where people read the console.</item>
/// <item><c>Telemetry:Otlp:Endpoint</c> (and <c>Telemetry:Otlp:Protocol</c>): exports traces, metrics and logs over OTLP.</item>
/// <item><c>Telemetry:Tracing:Enabled</c>: records spans; by default only when there is an OTLP endpoint to send them to.</item>
/// <item><c>Telemetry:Prometheus:Enabled</c>: serves the metrics at <c>/metrics</c> in Prometheus text format.</item>
/// <item><c>Telemetry:ServiceName</c>: the <c>service.name</c> resource attribute (the product's name by default).</item>
/// </list>
/// The product's name also names the GraphQL telemetry (<see cref="GraphQLTelemetryNames.For"/>).
/// </summary>
public static class TelemetryExtensions
{
    public const string PrometheusPath = "/metrics";

    public static TBuilder AddObservability<TBuilder>(this TBuilder builder, string product) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(product);
        var services = builder.Services;
        if (services.Any(descriptor => descriptor.ServiceType == typeof(TelemetryOptions)))
        {
            return builder; // a second call would wrap every operation twice
        }

        var settings = new TelemetryOptions { ServiceName = product };
        builder.Configuration.GetSection(TelemetryOptions.SectionName).Bind(settings);
        var names = GraphQLTelemetryNames.For(product);

        if (builder.Configuration.GetValue<bool?>("Logging:Json") ?? !builder.Environment.IsDevelopment())
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
            // Every line carries the activity's scope twice (its values and a message of them); the parent span id is
            // the span's own record, found from the span id, so only trace and span id are written.
            builder.Logging.Configure(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
            // The same lines, written in batches instead of one write per line (see BatchedConsoleLoggerProvider).
            foreach (var console in services.Where(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider)).ToList())
            {
                services.Remove(console);
            }

            services.AddSingleton<ILoggerProvider, BatchedConsoleLoggerProvider>();
        }

        services.AddGraphQLOperationTelemetry(names);

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName));
        // Spans only where something takes them: a tracer provider samples and fills every span (the request's, the
        // operation's, one per SQL statement, with their tags) whether or not an exporter is there, which was about 6%
        // of a small query's CPU. Without it the log lines still carry trace and span ids: ASP.NET Core starts the
        // request's activity for the logging scope, from the caller's traceparent.
        if (settings.Tracing.Enabled ?? !string.IsNullOrWhiteSpace(settings.Otlp.Endpoint))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(names.ActivitySourceName)
                .AddAspNetCoreInstrumentation(aspNetCore =>
                {
                    // Probes and scrapes every few seconds would bury the traces worth reading.
                    aspNetCore.Filter = context => !IsInfrastructurePath(context.Request.Path);
                })
                // Statement text is recorded (parameterized SQL); parameter values are not (SetDbQueryParameters is
                // off by default), since they are the user's input.
                .AddEntityFrameworkCoreInstrumentation());
        }

        // Metrics always, exporter or not (they are sums kept in memory); exporters (OTLP, Prometheus, a test's
        // in-memory one) only add a destination.
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(names.MeterName).AddAspNetCoreInstrumentation();
            if (settings.Prometheus.Enabled)
            {
                metrics.AddPrometheusExporter();
            }
        });

        if (!string.IsNullOrWhiteSpace(settings.Otlp.Endpoint))
        {
            var protocol = settings.Otlp.Protocol.Trim().ToLowerInvariant() switch
            {
                "grpc" => OtlpExportProtocol.Grpc,
                "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
                var other => throw new InvalidOperationException(
                    $"{TelemetryOptions.SectionName}:Otlp:Protocol must be 'grpc' or 'http/protobuf', not '{other}'."),
            };
            telemetry.UseOtlpExporter(protocol, new Uri(settings.Otlp.Endpoint, UriKind.Absolute));
        }

        services.AddSingleton(settings);
        return builder;
    }

    /// <summary>Maps <c>/metrics</c> when <c>Telemetry:Prometheus:Enabled</c>; otherwise nothing (and /metrics is a 404).</summary>
    public static IEndpointRouteBuilder MapObservability(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var settings = endpoints.ServiceProvider.GetService<TelemetryOptions>()
            ?? throw new InvalidOperationException($"Call builder.{nameof(AddObservability)}() before {nameof(MapObservability)}().");
        if (settings.Prometheus.Enabled)
        {
            endpoints.MapPrometheusScrapingEndpoint(PrometheusPath);
        }

        return endpoints;
    }

    private static bool IsInfrastructurePath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(PrometheusPath);
}
