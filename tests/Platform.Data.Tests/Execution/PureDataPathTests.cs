using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using Platform.Data.Execution;

namespace Platform.Data.Tests.Execution;

/// <summary>
/// The pure-data path against the general executor on a toy schema: the same bytes for every shape a list can take
/// (nulls, aliases, fragments, __typename, nested lists, directives, abstract types), the general path's errors where
/// the data breaks the schema, and proof that the plan actually ran where it should.
/// </summary>
public sealed class PureDataPathTests
{
    private static readonly Shelf[] Shelves =
    [
        new("Fiction", [new Book(1, "Dune", "Herbert", [4, 5]), new Book(2, "Emma", null, [])], new Book(1, "Dune", "Herbert", [4, 5])),
        new("Empty", [], null),
        new("Poetry", [null, new Book(3, "Odes", "Keats", [3])], null),
    ];

    public static TheoryData<string, bool> Documents => new()
    {
        // query, whether the root list `shelves` is completed by the plan
        { "{ shelves { name books { id title author stars } favourite { title } } }", true },
        { "{ shelves { __typename n: name books { t: title title t2: title } } }", true },
        { "{ shelves { ...S } } fragment S on Shelf { name books { ...B } } fragment B on Book { title ... on Book { author } }", true },
        { "{ shelves { books { title } books { author } } }", true },
        { "{ shelves { name books { title @include(if: true) } } }", false },
        { "{ shelves { name label } }", false },
        { "{ shelves { name books { title } } things { __typename ... on Book { title } ... on Shelf { name } } }", true },
        { "{ broken { title } }", false },
        { "{ missing { id title author stars } }", true },
        { "{ throwing { title } }", false },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task The_plan_writes_the_bytes_the_general_executor_writes(string query, bool planned)
    {
        var (generalJson, _) = await ExecuteAsync(query, enabled: false);
        var (planJson, result) = await ExecuteAsync(query, enabled: true);

        Assert.Equal(generalJson, planJson);
        var shelves = ((RootExecutionNode)result.Data!).SubFields!.OfType<ArrayExecutionNode>().First();
        Assert.Equal(planned, shelves.SerializedResult is PreparedList);
    }

    [Fact]
    public async Task A_null_where_the_schema_forbids_it_is_the_general_executors_error()
    {
        var (json, _) = await ExecuteAsync("{ broken { title } }", enabled: true);

        Assert.Contains("\"path\":[\"broken\",1,\"title\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"data\":{\"broken\":null}", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resolver_that_throws_is_the_general_executors_error_with_its_path()
    {
        var (json, _) = await ExecuteAsync("{ throwing { title } }", enabled: true);

        Assert.Contains("\"path\":[\"throwing\",0,\"title\"]", json, StringComparison.Ordinal);
    }

    private static async Task<(string Json, ExecutionResult Result)> ExecuteAsync(string query, bool enabled)
    {
        var services = BuildServices(enabled);
        var result = await services.GetRequiredService<IDocumentExecuter<ToyShelfSchema>>().ExecuteAsync(options =>
        {
            options.Query = query;
            options.RequestServices = services;
        });
        return (services.GetRequiredService<IGraphQLTextSerializer>().Serialize(result), result);
    }

    private static ServiceProvider BuildServices(bool enabled)
    {
        var services = new ServiceCollection();
        services.AddOptions<PureDataOptions>().Configure(o => o.Enabled = enabled);
        services.AddGraphQL(graphql => graphql
            .AddSchema<ToyShelfSchema>()
            .AddGraphTypes(typeof(ToyShelfSchema).Assembly)
            .AddSystemTextJson()
            .AddExecutionStrategy<PureDataExecutionStrategy>(OperationType.Query));
        return services.BuildServiceProvider();
    }

    internal sealed record Book(int Id, string Title, string? Author, int[] Stars);

    internal sealed record Shelf(string Name, Book?[] Books, Book? Favourite);

    internal sealed class ThrowingBook
    {
        public string Title => throw new InvalidOperationException("no title");
    }

    internal sealed class ToyShelfSchema : GraphQL.Types.Schema
    {
        public ToyShelfSchema(IServiceProvider services, ToyShelfQuery query) : base(services)
        {
            Query = query;
            RegisterType(typeof(BookType));
        }
    }

    internal sealed class ToyShelfQuery : ObjectGraphType
    {
        public ToyShelfQuery()
        {
            Name = "Query";
            Field<NonNullGraphType<ListGraphType<NonNullGraphType<ShelfType>>>>("shelves").Resolve(_ => Shelves);
            Field<NonNullGraphType<ListGraphType<ThingType>>>("things").Resolve(_ => new object?[] { Shelves[0].Books[0], Shelves[1] });
            // A non-null title that is null: the general path's error, whatever the plan would have written.
            Field<ListGraphType<NonNullGraphType<BookType>>>("broken").Resolve(_ => new[] { Shelves[0].Books[0], new Book(9, null!, null, []) });
            Field<NonNullGraphType<ListGraphType<BookType>>>("missing").Resolve(_ => new Book?[] { null, Shelves[0].Books[1] });
            Field<ListGraphType<ThrowingBookType>>("throwing").Resolve(_ => new[] { new ThrowingBook() });
        }
    }

    internal sealed class ShelfType : ObjectGraphType<Shelf>
    {
        public ShelfType()
        {
            Name = "Shelf";
            Field<NonNullGraphType<StringGraphType>>("name"); // the engine's resolver by name
            Field<StringGraphType>("label").Resolve(context => context.Source.Name + context.FieldAst.Name.StringValue);
            Field<NonNullGraphType<ListGraphType<BookType>>>("books").ResolveFromSource(shelf => shelf.Books);
            Field(s => s.Favourite, typeof(BookType));
        }
    }

    internal sealed class BookType : ObjectGraphType<Book>
    {
        public BookType()
        {
            Name = "Book";
            Field(b => b.Id, typeof(NonNullGraphType<IdGraphType>));
            Field(b => b.Title);
            Field(b => b.Author, nullable: true);
            Field(b => b.Stars, typeof(NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>));
        }
    }

    internal sealed class ThrowingBookType : ObjectGraphType<ThrowingBook>
    {
        public ThrowingBookType()
        {
            Name = "ThrowingBook";
            Field(b => b.Title);
        }
    }

    internal sealed class ThingType : UnionGraphType
    {
        public ThingType()
        {
            Name = "Thing";
            Type<BookType>();
            Type<ShelfType>();
        }
    }
}
