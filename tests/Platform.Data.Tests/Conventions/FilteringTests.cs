using static Platform.Data.Tests.Conventions.ToyLibraryClient;

namespace Platform.Data.Tests.Conventions;

/// <summary>
/// Every filter operation through a real GraphQL query on SQLite, against the answer LINQ-to-objects gives on the
/// same seed. The results are compared as sets (ordered by id), since a filter promises no order.
/// </summary>
public sealed class FilteringTests(ToyLibrary library) : IClassFixture<ToyLibrary>
{
    private static readonly StringComparison Ci = StringComparison.OrdinalIgnoreCase;

    private static readonly Dictionary<string, (string Where, Func<Book, bool> Expected)> BookCases = new()
    {
        ["string eq"] = ("{ title: { eq: \"COBOL\" } }", b => b.Title == "COBOL"),
        ["string neq"] = ("{ title: { neq: \"COBOL\" } }", b => b.Title != "COBOL"),
        ["string contains"] = ("{ title: { contains: \"case\" } }", b => b.Title.Contains("case", StringComparison.Ordinal)),
        ["string contains is case-sensitive"] = ("{ title: { contains: \"the\" } }", b => b.Title.Contains("the", StringComparison.Ordinal)),
        ["string ncontains"] = ("{ title: { ncontains: \"case\" } }", b => !b.Title.Contains("case", StringComparison.Ordinal)),
        ["string contains percent literally"] = ("{ title: { contains: \"0%\" } }", b => b.Title.Contains("0%", StringComparison.Ordinal)),
        ["string in"] = ("{ title: { in: [\"COBOL\", \"1000 Pages\", \"missing\"] } }", b => b.Title is "COBOL" or "1000 Pages"),
        ["string nin"] = ("{ title: { nin: [\"COBOL\", \"1000 Pages\"] } }", b => b.Title is not ("COBOL" or "1000 Pages")),
        ["string startsWith"] = ("{ title: { startsWith: \"snake\" } }", b => b.Title.StartsWith("snake", StringComparison.Ordinal)),
        ["string nstartsWith"] = ("{ title: { nstartsWith: \"snake\" } }", b => !b.Title.StartsWith("snake", StringComparison.Ordinal)),
        ["string endsWith"] = ("{ title: { endsWith: \"Guide\" } }", b => b.Title.EndsWith("Guide", StringComparison.Ordinal)),
        ["string nendsWith"] = ("{ title: { nendsWith: \"Guide\" } }", b => !b.Title.EndsWith("Guide", StringComparison.Ordinal)),
        ["string and/or inside the operation"] = ("{ title: { or: [{ startsWith: \"1\" }, { and: [{ contains: \"a\" }, { endsWith: \"s\" }] }] } }",
            b => b.Title.StartsWith('1') || (b.Title.Contains('a', StringComparison.Ordinal) && b.Title.EndsWith('s'))),
        ["ieq"] = ("{ title: { ieq: \"THE ANALYTICAL ENGINE\" } }", b => string.Equals(b.Title, "THE ANALYTICAL ENGINE", Ci)),
        ["icontains"] = ("{ title: { icontains: \"GUIDE\" } }", b => b.Title.Contains("GUIDE", Ci)),
        ["icontains percent is literal"] = ("{ title: { icontains: \"100%\" } }", b => b.Title.Contains("100%", Ci)),
        ["icontains underscore is literal"] = ("{ title: { icontains: \"E_C\" } }", b => b.Title.Contains("E_C", Ci)),
        ["icontains backslash is literal"] = ("{ title: { icontains: \"K\\\\S\" } }", b => b.Title.Contains("K\\S", Ci)),
        ["istartsWith"] = ("{ title: { istartsWith: \"THE \" } }", b => b.Title.StartsWith("THE ", Ci)),
        ["istartsWith underscore is literal"] = ("{ title: { istartsWith: \"SNAKE_\" } }", b => b.Title.StartsWith("SNAKE_", Ci)),
        ["iendsWith"] = ("{ title: { iendsWith: \"GUIDE\" } }", b => b.Title.EndsWith("GUIDE", Ci)),
        ["iendsWith percent is literal"] = ("{ title: { iendsWith: \"%\" } }", b => b.Title.EndsWith('%')),
        ["int eq"] = ("{ pages: { eq: 80 } }", b => b.Pages == 80),
        ["int neq"] = ("{ pages: { neq: 80 } }", b => b.Pages != 80),
        ["int in"] = ("{ pages: { in: [80, 300] } }", b => b.Pages is 80 or 300),
        ["int nin"] = ("{ pages: { nin: [80, 300] } }", b => b.Pages is not (80 or 300)),
        ["int gt"] = ("{ pages: { gt: 250 } }", b => b.Pages > 250),
        ["int ngt"] = ("{ pages: { ngt: 250 } }", b => !(b.Pages > 250)),
        ["int gte"] = ("{ pages: { gte: 250 } }", b => b.Pages >= 250),
        ["int ngte"] = ("{ pages: { ngte: 250 } }", b => !(b.Pages >= 250)),
        ["int lt"] = ("{ pages: { lt: 250 } }", b => b.Pages < 250),
        ["int nlt"] = ("{ pages: { nlt: 250 } }", b => !(b.Pages < 250)),
        ["int lte"] = ("{ pages: { lte: 250 } }", b => b.Pages <= 250),
        ["int nlte"] = ("{ pages: { nlte: 250 } }", b => !(b.Pages <= 250)),
        ["int range"] = ("{ pages: { gt: 80, lt: 1000 } }", b => b.Pages is > 80 and < 1000),
        ["boolean eq"] = ("{ inPrint: { eq: true } }", b => b.InPrint),
        ["boolean neq"] = ("{ inPrint: { neq: true } }", b => !b.InPrint),
        ["datetime gte"] = ("{ published: { gte: \"2001-01-01T00:00:00\" } }", b => b.Published >= new DateTime(2001, 1, 1)),
        ["datetime lt"] = ("{ published: { lt: \"1950-06-01T00:00:00\" } }", b => b.Published < new DateTime(1950, 6, 1)),
        ["enum eq"] = ("{ genre: { eq: SCIENCE } }", b => b.Genre == Genre.Science),
        ["enum neq"] = ("{ genre: { neq: SCIENCE } }", b => b.Genre != Genre.Science),
        ["enum in"] = ("{ genre: { in: [FICTION, REFERENCE] } }", b => b.Genre is Genre.Fiction or Genre.Reference),
        ["enum nin"] = ("{ genre: { nin: [FICTION, REFERENCE] } }", b => b.Genre is not (Genre.Fiction or Genre.Reference)),
        ["nested object"] = ("{ author: { name: { istartsWith: \"a\" } } }", b => b.Author.Name.StartsWith('a') || b.Author.Name.StartsWith('A')),
        ["nested object eq null"] = ("{ author: { email: { eq: null } } }", b => b.Author.Email is null),
        ["nested object neq null"] = ("{ author: { email: { neq: null } } }", b => b.Author.Email is not null),
        ["several fields are and"] = ("{ genre: { eq: SCIENCE }, inPrint: { eq: true } }", b => b.Genre == Genre.Science && b.InPrint),
        ["and"] = ("{ and: [{ pages: { gte: 80 } }, { pages: { lte: 120 } }, { title: { icontains: \"c\" } }] }",
            b => b.Pages is >= 80 and <= 120 && b.Title.Contains('c', Ci)),
        ["or"] = ("{ or: [{ genre: { eq: FICTION } }, { pages: { eq: 80 } }] }", b => b.Genre == Genre.Fiction || b.Pages == 80),
        ["or of and, nested"] = ("{ or: [{ and: [{ genre: { eq: SCIENCE } }, { inPrint: { eq: false } }] }, { author: { or: [{ name: { eq: \"Nobody\" } }, { active: { eq: false } }] } }] }",
            b => (b.Genre == Genre.Science && !b.InPrint) || b.Author.Name == "Nobody" || !b.Author.Active),
        ["empty filter"] = ("{ }", _ => true),
    };

    private static readonly Dictionary<string, (string Where, Func<Author, bool> Expected)> AuthorCases = new()
    {
        ["list some"] = ("{ books: { some: { genre: { eq: FICTION } } } }", a => a.Books.Any(b => b.Genre == Genre.Fiction)),
        ["list all"] = ("{ books: { all: { pages: { lt: 300 } } } }", a => a.Books.All(b => b.Pages < 300)),
        ["list none"] = ("{ books: { none: { inPrint: { eq: false } } } }", a => !a.Books.Any(b => !b.InPrint)),
        ["list any true"] = ("{ books: { any: true } }", a => a.Books.Count > 0),
        ["list any false"] = ("{ books: { any: false } }", a => a.Books.Count == 0),
        ["list some with nested or"] = ("{ books: { some: { or: [{ title: { icontains: \"_\" } }, { published: { lt: \"1900-01-01T00:00:00\" } }] } } }",
            a => a.Books.Any(b => b.Title.Contains('_', StringComparison.Ordinal) || b.Published < new DateTime(1900, 1, 1))),
        ["list and scalar together"] = ("{ active: { eq: true }, books: { all: { genre: { neq: FICTION } }, any: true } }",
            a => a.Active && a.Books.Count > 0 && a.Books.All(b => b.Genre != Genre.Fiction)),
        ["derived list (ProjectFrom) some"] = ("{ classics: { some: { title: { icontains: \"ENGINE\" } } } }",
            a => a.Books.Any(b => b.Published < new DateTime(1900, 1, 1) && b.Title.Contains("ENGINE", Ci))),
        ["derived list (ProjectFrom) any false"] = ("{ classics: { any: false } }", a => !a.Books.Any(b => b.Published < new DateTime(1900, 1, 1))),
        ["int in ignores null for a non-null column"] = ("{ books: { some: { pages: { in: [null, 1000] } } } }", a => a.Books.Any(b => b.Pages == 1000)),
        ["nullable string in"] = ("{ email: { in: [\"ada@example.org\", null] } }", a => a.Email is "ada@example.org" or null),
        ["nullable string ieq"] = ("{ email: { ieq: \"grace@example.org\" } }", a => string.Equals(a.Email, "grace@example.org", Ci)),
    };

    public static TheoryData<string> BookCaseNames => [.. BookCases.Keys];

    public static TheoryData<string> AuthorCaseNames => [.. AuthorCases.Keys];

    [Theory]
    [MemberData(nameof(BookCaseNames))]
    public async Task Book_filter_matches_linq_to_objects(string name)
    {
        var (where, expected) = BookCases[name];
        var answer = ToyLibrarySeed.Books().Where(expected).Select(b => b.Id).Order().ToArray();

        var ids = await IdsAsync(library, "books", $"where: {where}");

        Assert.Equal(answer, ids.Order().ToArray());
    }

    [Theory]
    [MemberData(nameof(AuthorCaseNames))]
    public async Task Author_filter_matches_linq_to_objects(string name)
    {
        var (where, expected) = AuthorCases[name];
        var answer = ToyLibrarySeed.Authors().Where(expected).Select(a => a.Id).Order().ToArray();

        var ids = await IdsAsync(library, "authors", $"where: {where}");

        Assert.Equal(answer, ids.Order().ToArray());
    }

    [Fact]
    public async Task Filters_run_in_sql()
    {
        library.Sql.Clear();

        await IdsAsync(library, "authors", "where: { books: { some: { title: { icontains: \"100%\" } } }, name: { neq: \"x\" } }");

        var sql = Assert.Single(library.Sql.Commands);
        Assert.Contains("WHERE", sql, StringComparison.Ordinal);
        Assert.Contains("EXISTS", sql, StringComparison.Ordinal);
        Assert.Contains("lower(", sql, StringComparison.Ordinal);
        Assert.Contains("LIKE", sql, StringComparison.Ordinal);
        Assert.Contains("ESCAPE '\\'", sql, StringComparison.Ordinal);
        // Values are parameters, never pasted into the SQL text.
        Assert.DoesNotContain("100", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Null_is_refused_where_an_operation_needs_a_value()
    {
        var result = await ExecuteAsync(library, "{ books(where: { pages: { gt: null } }) { id } }");

        Assert.Contains("does not accept null", result.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ royalties: { eq: \"1000\" } }")]
    [InlineData("{ id: { eq: \"1\" } }")]
    [InlineData("{ bookCount: { eq: 1 } }")]
    [InlineData("{ born: { eq: \"1815-12-10T00:00:00\" } }")]
    public async Task Protected_computed_id_and_opted_out_fields_are_not_filterable(string where)
    {
        var field = where.Contains("bookCount", StringComparison.Ordinal) || where.Contains("born", StringComparison.Ordinal) ? "authors" : "books";

        var result = await ExecuteAsync(library, $"{{ {field}(where: {where}) {{ id }} }}");

        Assert.True(result.TryGetProperty("errors", out var errors));
        Assert.Contains("Unknown field", errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
