using static Platform.Data.Tests.Conventions.ToyLibraryClient;

namespace Platform.Data.Tests.Conventions;

/// <summary>Orders through a real GraphQL query on SQLite, against LINQ-to-objects (ordinal, as SQLite's BINARY collation).</summary>
public sealed class SortingTests(ToyLibrary library) : IClassFixture<ToyLibrary>
{
    private static readonly Dictionary<string, (string Order, Func<IEnumerable<Book>, IOrderedEnumerable<Book>> Expected)> Cases = new()
    {
        ["one key asc, ties by id"] = ("[{ pages: ASC }]", books => books.OrderBy(b => b.Pages)),
        ["one key desc, ties by id ascending"] = ("[{ pages: DESC }]", books => books.OrderByDescending(b => b.Pages)),
        ["string is ordinal"] = ("[{ title: ASC }]", books => books.OrderBy(b => b.Title, StringComparer.Ordinal)),
        ["enum"] = ("[{ genre: DESC }]", books => books.OrderByDescending(b => b.Genre)),
        ["boolean then datetime"] = ("[{ inPrint: ASC }, { published: DESC }]", books => books.OrderBy(b => b.InPrint).ThenByDescending(b => b.Published)),
        ["several keys with a nested object"] = ("[{ pages: DESC }, { author: { name: ASC } }]",
            books => books.OrderByDescending(b => b.Pages).ThenBy(b => b.Author.Name, StringComparer.Ordinal)),
        ["nested object first"] = ("[{ author: { born: DESC } }, { title: DESC }]",
            books => books.OrderByDescending(b => b.Author.Born).ThenByDescending(b => b.Title, StringComparer.Ordinal)),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Order_matches_linq_to_objects_and_ends_with_the_key(string name)
    {
        var (order, expected) = Cases[name];
        var answer = expected(ToyLibrarySeed.Books()).ThenBy(b => b.Id).Select(b => b.Id).ToArray();

        var ids = await IdsAsync(library, "books", $"order: {order}");

        Assert.Equal(answer, ids);
    }

    [Fact]
    public async Task The_key_breaks_ties_in_sql()
    {
        library.Sql.Clear();

        await IdsAsync(library, "books", "order: [{ pages: DESC }, { author: { name: ASC } }]");

        var sql = Assert.Single(library.Sql.Commands);
        Assert.Matches("""ORDER BY "b"."Pages" DESC, "a"."Name", "b"."Id"$""", sql.TrimEnd());
    }

    [Fact]
    public async Task Filter_and_order_combine_in_one_statement()
    {
        library.Sql.Clear();
        var answer = ToyLibrarySeed.Books().Where(b => b.Genre != Genre.Fiction)
            .OrderBy(b => b.Author.Name, StringComparer.Ordinal).ThenBy(b => b.Id).Select(b => b.Id).ToArray();

        var ids = await IdsAsync(library, "books", "where: { genre: { neq: FICTION } }, order: [{ author: { name: ASC } }]");

        Assert.Equal(answer, ids);
        var sql = Assert.Single(library.Sql.Commands);
        Assert.Contains("WHERE", sql, StringComparison.Ordinal);
        Assert.Contains("ORDER BY", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_order_the_query_keeps_its_own()
    {
        library.Sql.Clear();

        await IdsAsync(library, "books", "where: { pages: { gt: 0 } }");

        Assert.DoesNotContain("ORDER BY", Assert.Single(library.Sql.Commands), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{ royalties: ASC }]")]
    [InlineData("[{ id: ASC }]")]
    [InlineData("[{ author: { books: ASC } }]")]
    [InlineData("[{ author: { email: ASC } }]")]
    public async Task Protected_id_list_and_opted_out_fields_are_not_sortable(string order)
    {
        var result = await ExecuteAsync(library, $"{{ books(order: {order}) {{ id }} }}");

        Assert.True(result.TryGetProperty("errors", out var errors));
        Assert.Contains("Unknown field", errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
