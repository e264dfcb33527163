using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Platform.Hosting.Persistence;

namespace Platform.Hosting.Tests.Persistence;

/// <summary>The one database is named by the host: its connection string's name and its default file.</summary>
public sealed class DatabaseTests
{
    [Fact]
    public void The_connection_string_of_the_given_name_wins()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Toys"] = "Data Source=toys.db" })
            .Build();

        Assert.Equal("Data Source=toys.db", Database.ConnectionString(configuration, "Toys"));
    }

    [Fact]
    public void Without_one_the_database_is_the_named_file_in_the_named_folder_of_local_application_data()
    {
        var folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "PlatformHostingTests");
        try
        {
            var connectionString = Database.ConnectionString(new ConfigurationBuilder().Build(), "PlatformHostingTests");

            Assert.Equal(Path.Combine(folder, "platformhostingtests.db"), new SqliteConnectionStringBuilder(connectionString).DataSource);
            Assert.True(Directory.Exists(folder));
        }
        finally
        {
            // The call makes the folder (never the file); the test leaves nothing behind.
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
    }

    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("", DatabaseProvider.Sqlite)]
    [InlineData("Sqlite", DatabaseProvider.Sqlite)]
    [InlineData("SQLITE", DatabaseProvider.Sqlite)]
    [InlineData("PostgreSQL", DatabaseProvider.PostgreSql)]
    [InlineData("postgresql", DatabaseProvider.PostgreSql)]
    [InlineData(" Postgres ", DatabaseProvider.PostgreSql)]
    public void The_provider_is_SQLite_unless_configured_otherwise(string? configured, DatabaseProvider expected)
    {
        Assert.Equal(expected, Database.Provider(Configuration(new() { ["Database:Provider"] = configured })));
    }

    [Fact]
    public void An_unknown_provider_is_refused_naming_the_key_and_the_choices()
    {
        var exception = Assert.Throws<DatabaseStartupException>(() => Database.Provider(Configuration(new() { ["Database:Provider"] = "Oracle" })));

        Assert.Equal("Database:Provider: 'Oracle' is not a database provider; use Sqlite or PostgreSQL.", exception.Message);
    }

    [Fact]
    public void PostgreSql_has_no_default_database_and_says_which_connection_string_is_missing()
    {
        var exception = Assert.Throws<DatabaseStartupException>(() => Database.ConnectionString(Configuration([]), "Toys", DatabaseProvider.PostgreSql));

        Assert.StartsWith("ConnectionStrings:Toys: Database:Provider is PostgreSQL but no connection string is set", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_is_described_by_host_port_and_database_never_by_its_password()
    {
        var description = Database.Describe(DatabaseProvider.PostgreSql, "Host=db.internal;Port=6432;Database=toys;Username=app;Password=hunter2");

        Assert.Equal("PostgreSQL server db.internal:6432, database toys", description);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
