using GraphQL;
using GraphQL.Types;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Data.Tests.Conventions;

/// <summary>The generated inputs have HotChocolate's names and shapes, and each schema gets its own instances.</summary>
public sealed class ConventionSchemaTests
{
    private static string Sdl(IServiceProvider services)
    {
        var schema = services.GetRequiredService<ToyLibrarySchema>();
        schema.Initialize();
        return schema.Print();
    }

    private static string Block(string sdl, string header)
    {
        var start = sdl.IndexOf(header + " {", StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{header}' is missing from:\n{sdl}");
        return sdl[start..(sdl.IndexOf('}', start) + 1)];
    }

    private static string[] FieldNames(string block) =>
        block.Split('\n').Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('"') && l != "}")
            .Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Inputs_are_shaped_as_hotchocolate_shapes_them()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await using var services = ToyLibrary.BuildServices(connection, new SqlRecorder());
        var sdl = Sdl(services);

        Assert.Contains("where: BookFilterInput,", sdl, StringComparison.Ordinal);
        Assert.Contains("order: [BookSortInput!]): [Book!]!", sdl, StringComparison.Ordinal);
        Assert.Equal(["and", "author", "genre", "inPrint", "or", "pages", "published", "title"], FieldNames(Block(sdl, "input BookFilterInput")));
        // `born` opted out of filtering, `bookCount` is computed in code, `id` is an ID with no key behind it (not a NodeGraphType's).
        Assert.Equal(["active", "and", "books", "classics", "email", "name", "or"], FieldNames(Block(sdl, "input AuthorFilterInput")));
        // `email` opted out of sorting; lists are never sortable.
        Assert.Equal(["active", "born", "name"], FieldNames(Block(sdl, "input AuthorSortInput")));
        Assert.Contains("author: AuthorFilterInput", Block(sdl, "input BookFilterInput"), StringComparison.Ordinal);
        Assert.Contains("books: ListFilterInputTypeOfBookFilterInput", Block(sdl, "input AuthorFilterInput"), StringComparison.Ordinal);
        Assert.Equal(["all", "any", "none", "some"], FieldNames(Block(sdl, "input ListFilterInputTypeOfBookFilterInput")));
        Assert.Equal(["and", "contains", "endsWith", "eq", "icontains", "iendsWith", "ieq", "in", "istartsWith", "ncontains", "nendsWith", "neq", "nin", "nstartsWith", "or", "startsWith"],
            FieldNames(Block(sdl, "input StringOperationFilterInput")));
        Assert.Equal(["eq", "gt", "gte", "in", "lt", "lte", "neq", "ngt", "ngte", "nin", "nlt", "nlte"], FieldNames(Block(sdl, "input IntOperationFilterInput")));
        Assert.Equal(["eq", "gt", "gte", "in", "lt", "lte", "neq", "ngt", "ngte", "nin", "nlt", "nlte"], FieldNames(Block(sdl, "input DateTimeOperationFilterInput")));
        Assert.Equal(["eq", "neq"], FieldNames(Block(sdl, "input BooleanOperationFilterInput")));
        Assert.Equal(["eq", "in", "neq", "nin"], FieldNames(Block(sdl, "input GenreOperationFilterInput")));
        Assert.Contains("in: [Genre!]", Block(sdl, "input GenreOperationFilterInput"), StringComparison.Ordinal);
        Assert.Equal(["author", "genre", "inPrint", "pages", "published", "title"], FieldNames(Block(sdl, "input BookSortInput")));
        Assert.Contains("author: AuthorSortInput", Block(sdl, "input BookSortInput"), StringComparison.Ordinal);
        Assert.Contains("pages: SortEnumType", Block(sdl, "input BookSortInput"), StringComparison.Ordinal);
        Assert.Contains("ASC", Block(sdl, "enum SortEnumType"), StringComparison.Ordinal);
        Assert.Contains("DESC", Block(sdl, "enum SortEnumType"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_service_provider_builds_its_own_schema_with_its_own_input_instances()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await using var first = ToyLibrary.BuildServices(connection, new SqlRecorder());
        await using var second = ToyLibrary.BuildServices(connection, new SqlRecorder());

        Assert.Equal(Sdl(first), Sdl(second));
        var one = first.GetRequiredService<ToyLibrarySchema>().AllTypes["BookFilterInput"];
        var other = second.GetRequiredService<ToyLibrarySchema>().AllTypes["BookFilterInput"];
        Assert.NotNull(one);
        Assert.NotSame(one, other);
        Assert.IsAssignableFrom<IInputObjectGraphType>(one);
    }
}
