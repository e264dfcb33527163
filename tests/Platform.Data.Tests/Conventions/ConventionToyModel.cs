using System.Data.Common;
using GraphQL;
using GraphQL.Types;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Platform.Data.Conventions;
using Platform.Data.Conventions.Filtering;
using Platform.Data.Conventions.Sorting;

namespace Platform.Data.Tests.Conventions;

public enum Genre
{
    Fiction,
    Science,
    Reference,
}

public sealed class Author
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    public DateTime Born { get; set; }
    public bool Active { get; set; }
    public List<Book> Books { get; set; } = [];

    /// <summary>Not a column: a query over <see cref="Books"/> (ProjectFrom), which filters inline into SQL.</summary>
    [System.ComponentModel.DataAnnotations.Schema.NotMapped]
    public List<Book> Classics { get; set; } = [];
}

public sealed class Book
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public int Pages { get; set; }
    public Genre Genre { get; set; }
    public DateTime Published { get; set; }
    public bool InPrint { get; set; }
    public int AuthorId { get; set; }
    public Author Author { get; set; } = null!;

    /// <summary>Readable only with a policy: must not be filterable or sortable either.</summary>
    public string Royalties { get; set; } = "";
}

internal sealed class ToyLibraryDb(DbContextOptions<ToyLibraryDb> options) : DbContext(options)
{
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<Book> Books => Set<Book>();
}

/// <summary>The seed, built fresh for each use: once for the database, once for the LINQ-to-objects answers.</summary>
internal static class ToyLibrarySeed
{
    public static List<Author> Authors()
    {
        var ada = new Author { Id = 1, Name = "Ada Lovelace", Email = "ada@example.org", Born = new DateTime(1815, 12, 10), Active = true };
        var alan = new Author { Id = 2, Name = "alan turing", Email = null, Born = new DateTime(1912, 6, 23), Active = false };
        var grace = new Author { Id = 3, Name = "Grace_Hopper", Email = "GRACE@EXAMPLE.ORG", Born = new DateTime(1906, 12, 9), Active = true };
        var nobody = new Author { Id = 4, Name = "Nobody", Email = null, Born = new DateTime(1950, 1, 1), Active = true };
        Add(ada, 1, "100% Pure Logic", 120, Genre.Science, 2001, true);
        Add(ada, 2, "1000 Pages", 1000, Genre.Fiction, 1999, false);
        Add(alan, 3, "snake_case Guide", 80, Genre.Reference, 2010, true);
        Add(alan, 4, "snakeXcase guide", 80, Genre.Reference, 2011, false);
        Add(grace, 5, @"Back\slash Tales", 300, Genre.Fiction, 2005, true);
        Add(ada, 6, "The Analytical Engine", 250, Genre.Science, 1843, true);
        Add(grace, 7, "the analytical engine", 250, Genre.Science, 1843, false);
        Add(grace, 8, "COBOL", 300, Genre.Reference, 1960, true);
        Add(alan, 9, "Computing Machinery", 80, Genre.Science, 1950, true);
        return [ada, alan, grace, nobody];
    }

    public static List<Book> Books() => Authors().SelectMany(a => a.Books).OrderBy(b => b.Id).ToList();

    private static void Add(Author author, int id, string title, int pages, Genre genre, int year, bool inPrint) =>
        author.Books.Add(new Book
        {
            Id = id, Title = title, Pages = pages, Genre = genre, Published = new DateTime(year, 3, 1), InPrint = inPrint,
            Author = author, AuthorId = author.Id, Royalties = $"{id * 1000}",
        });
}

internal sealed class GenreType : EnumerationGraphType<Genre>
{
    public GenreType() => Name = "Genre";
}

internal sealed class AuthorType : ObjectGraphType<Author>
{
    public AuthorType()
    {
        Name = "Author";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field(a => a.Name);
        Field(a => a.Email, nullable: true).NotSortable();
        Field(a => a.Born).NotFilterable();
        Field(a => a.Active);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BookType>>>>("books").Resolve(context => context.Source.Books);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BookType>>>>("classics")
            .Resolve(context => context.Source.Classics)
            .ProjectFrom(a => a.Books.Where(b => b.Published < new DateTime(1900, 1, 1)));
        // Computed in code: no column to compare, so neither filterable nor sortable.
        Field<NonNullGraphType<IntGraphType>>("bookCount").Resolve(context => context.Source.Books.Count);
    }
}

internal sealed class BookType : ObjectGraphType<Book>
{
    public BookType()
    {
        Name = "Book";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field(b => b.Title);
        Field(b => b.Pages);
        Field<NonNullGraphType<GenreType>>("genre").Resolve(context => context.Source.Genre);
        Field(b => b.Published);
        Field(b => b.InPrint);
        Field<NonNullGraphType<AuthorType>>("author").Resolve(context => context.Source.Author);
        Field(b => b.Royalties).AuthorizeWithPolicy("Accounting");
    }
}

internal sealed class ToyLibrarySchema : GraphQL.Types.Schema
{
    public ToyLibrarySchema(IServiceProvider services) : base(services)
    {
        var query = new ObjectGraphType { Name = "Query" };
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AuthorType>>>>("authors")
            .ResolveAsync(async context =>
            {
                var db = context.RequestServices!.GetRequiredService<ToyLibraryDb>();
                var authors = SortConvention.Apply(FilterConvention.Apply(db.Authors.AsNoTracking(), context), context);
                return await authors.ToListAsync(context.CancellationToken);
            })
            .FieldType.AddFilterArgument<AuthorType>().AddSortArgument<AuthorType>();
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<BookType>>>>("books")
            .ResolveAsync(async context =>
            {
                var db = context.RequestServices!.GetRequiredService<ToyLibraryDb>();
                var books = SortConvention.Apply(FilterConvention.Apply(db.Books.AsNoTracking(), context), context);
                return await books.ToListAsync(context.CancellationToken);
            })
            .FieldType.AddFilterArgument<BookType>().AddSortArgument<BookType>();
        Query = query;
    }
}

/// <summary>Every SQL command EF Core sends, to show that filters and orders run in the database.</summary>
internal sealed class SqlRecorder : DbCommandInterceptor
{
    private readonly List<string> commands = [];

    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (commands)
            {
                return [.. commands];
            }
        }
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        lock (commands)
        {
            commands.Add(command.CommandText);
        }

        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public void Clear()
    {
        lock (commands)
        {
            commands.Clear();
        }
    }
}

/// <summary>An in-memory SQLite library (the connection stays open, or the database would vanish) behind the toy schema.</summary>
public sealed class ToyLibrary : IAsyncLifetime
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");

    internal SqlRecorder Sql { get; } = new();

    internal ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await connection.OpenAsync();
        Services = BuildServices(connection, Sql);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ToyLibraryDb>();
        await db.Database.EnsureCreatedAsync();
        db.Authors.AddRange(ToyLibrarySeed.Authors());
        await db.SaveChangesAsync();
    }

    internal static ServiceProvider BuildServices(SqliteConnection connection, SqlRecorder sql)
    {
        var services = new ServiceCollection();
        services.AddDbContext<ToyLibraryDb>(options => options.UseSqlite(connection).AddInterceptors(sql));
        services.AddGraphQL(graphql => graphql
            .AddSchema<ToyLibrarySchema>()
            .AddSystemTextJson()
            .AddGraphTypes(typeof(ToyLibrarySchema).Assembly));
        services.AddFiltering().AddSorting();
        return services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await connection.DisposeAsync();
    }
}
