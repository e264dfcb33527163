namespace Platform.Hosting.Observability;

/// <summary>The <c>Telemetry</c> section. With nothing set, spans and metrics are made but leave the process nowhere.</summary>
internal sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>The <c>service.name</c> resource attribute every span, metric and exported log carries; the product's name unless set.</summary>
    public string ServiceName { get; set; } = "";

    public OtlpTelemetryOptions Otlp { get; set; } = new();

    public PrometheusTelemetryOptions Prometheus { get; set; } = new();

    public TracingTelemetryOptions Tracing { get; set; } = new();
}

internal sealed class TracingTelemetryOptions
{
    /// <summary>Records spans (requests, GraphQL operations, SQL statements); unset: only when an OTLP endpoint is set.</summary>
    public bool? Enabled { get; set; }
}

internal sealed class OtlpTelemetryOptions
{
    /// <summary>The collector's base address (e.g. http://collector:4317); empty leaves the OTLP exporter off.</summary>
    public string? Endpoint { get; set; }

    /// <summary>"grpc" (default, port 4317) or "http/protobuf" (port 4318), the names OTEL_EXPORTER_OTLP_PROTOCOL uses.</summary>
    public string Protocol { get; set; } = "grpc";
}

internal sealed class PrometheusTelemetryOptions
{
    /// <summary>Maps <c>/metrics</c> (Prometheus text format) on the application's own port.</summary>
    public bool Enabled { get; set; }
}
