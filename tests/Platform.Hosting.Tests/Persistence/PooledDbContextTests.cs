using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Platform.Hosting.Persistence;

namespace Platform.Hosting.Tests.Persistence;

/// <summary>
/// A module's contexts come from a pool: a request gets one that a finished request gave back, with nothing of that
/// request left in it (tracked entities, its connection), and on the connection of its own scope, which the other
/// modules' contexts share. Two requests at once get two contexts on two connections.
/// </summary>
public sealed class PooledDbContextTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"pooled-{Guid.NewGuid():N}.db");
    private readonly ServiceProvider services;

    public PooledDbContextTests()
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Toys"] = $"Data Source={file}" })
            .Build());
        collection.AddLogging();
        collection.AddSharedDatabase("Toys");
        collection.AddModuleDbContext<ToyContext>("toys");
        collection.AddModuleDbContext<OtherToyContext>("other");
        services = collection.BuildServiceProvider();
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ToyContext>().Database.EnsureCreated();
    }

    [Fact]
    public void A_context_given_back_comes_out_again_clean_and_on_the_new_requests_connection()
    {
        ToyContext first;
        DbConnection firstConnection;
        using (var request = services.CreateScope())
        {
            first = request.ServiceProvider.GetRequiredService<ToyContext>();
            first.Toys.Add(new Toy { Name = "never saved" });
            firstConnection = request.ServiceProvider.GetRequiredService<DbConnection>();
            Assert.Same(firstConnection, first.Database.GetDbConnection());
        }

        using var next = services.CreateScope();
        var second = next.ServiceProvider.GetRequiredService<ToyContext>();

        Assert.Same(first, second); // the pool's, not a new one
        Assert.Empty(second.ChangeTracker.Entries());
        var connection = next.ServiceProvider.GetRequiredService<DbConnection>();
        Assert.NotSame(firstConnection, connection);
        Assert.Same(connection, second.Database.GetDbConnection());
        Assert.Same(connection, next.ServiceProvider.GetRequiredService<OtherToyContext>().Database.GetDbConnection());
        Assert.Empty(second.Toys); // the entity the first request added and never saved is not in the table either
    }

    [Fact]
    public void Two_requests_at_once_get_two_contexts_on_two_connections()
    {
        using var one = services.CreateScope();
        using var two = services.CreateScope();

        var first = one.ServiceProvider.GetRequiredService<ToyContext>();
        var second = two.ServiceProvider.GetRequiredService<ToyContext>();

        Assert.NotSame(first, second);
        Assert.NotSame(first.Database.GetDbConnection(), second.Database.GetDbConnection());
        Assert.Equal(0, first.Toys.Count() + second.Toys.Count());
    }

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Development", true)]
    [InlineData("Testing", true)]
    public void EF_Core_checks_for_a_context_used_by_two_threads_everywhere_but_in_production(string environment, bool checks)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Toys"] = $"Data Source={file}" })
            .Build());
        collection.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = environment });
        collection.AddSharedDatabase("Toys");
        collection.AddModuleDbContext<ToyContext>("toys");
        using var provider = collection.BuildServiceProvider();
        using var scope = provider.CreateScope();

        var options = scope.ServiceProvider.GetRequiredService<ToyContext>().GetService<IDbContextOptions>();
        Assert.Equal(checks, options.FindExtension<CoreOptionsExtension>()!.ThreadSafetyChecksEnabled);
    }

    public void Dispose()
    {
        services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(file);
    }

    public sealed class Toy
    {
        public int Id { get; set; }

        public string Name { get; set; } = "";
    }

    public sealed class ToyContext(DbContextOptions<ToyContext> options) : DbContext(options)
    {
        public DbSet<Toy> Toys => Set<Toy>();
    }

    public sealed class OtherToyContext(DbContextOptions<OtherToyContext> options) : DbContext(options)
    {
        public DbSet<Toy> Toys => Set<Toy>();
    }
}
