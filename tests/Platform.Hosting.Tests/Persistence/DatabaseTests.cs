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
}
