using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SkillMatrix.Bench;

/// <summary>
/// Adds services to the Host's container while <c>SkillMatrixHost.Build</c> builds it, without changing the Host:
/// the generic host announces "HostBuilding" on its DiagnosticListener with a builder that still takes
/// <c>ConfigureServices</c>, the same hook WebApplicationFactory uses for <c>ConfigureTestServices</c>.
/// </summary>
internal sealed class HostBuildingHook : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly Action<IServiceCollection> configure;
    private readonly IDisposable allListeners;
    private readonly List<IDisposable> subscriptions = [];

    public HostBuildingHook(Action<IServiceCollection> configure)
    {
        this.configure = configure;
        allListeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>Whether a host was built while the hook listened, i.e. whether <c>configure</c> ran.</summary>
    public bool Applied { get; private set; }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.Extensions.Hosting")
        {
            lock (subscriptions)
            {
                subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == "HostBuilding" && value.Value is IHostBuilder builder)
        {
            builder.ConfigureServices((_, services) => configure(services));
            Applied = true;
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        allListeners.Dispose();
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }
}
