using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Data.Conventions;
using Platform.Data.Conventions.Filtering;

namespace Platform.Data.Tests.Conventions;

/// <summary>
/// A type whose fields are all non-filterable gets no filter input, as in HotChocolate: a field of another type that
/// leads to it is left out of that type's filter input, and a <c>where</c> over it is refused when the schema is built,
/// rather than offering an input that holds only <c>and</c>/<c>or</c>.
/// </summary>
public sealed class UntestableFilterTests
{
    private sealed class PenNameType : ObjectGraphType<Author>
    {
        public PenNameType()
        {
            Name = "PenName";
            Field(a => a.Name).NotFilterable();
            Field<NonNullGraphType<IntGraphType>>("length").Resolve(context => context.Source.Name.Length); // computed in code
        }
    }

    private sealed class SignedBookType : ObjectGraphType<Book>
    {
        public SignedBookType()
        {
            Name = "SignedBook";
            Field(b => b.Title);
            Field<NonNullGraphType<PenNameType>>("signature").Resolve(context => context.Source.Author).ProjectFrom(b => b.Author);
        }
    }

    private sealed class BooksSchema : GraphQL.Types.Schema
    {
        public BooksSchema(IServiceProvider services) : base(services)
        {
            var query = new ObjectGraphType { Name = "Query" };
            query.Field<ListGraphType<SignedBookType>>("books").Resolve(_ => null).FieldType.AddFilterArgument<SignedBookType>();
            Query = query;
        }
    }

    private sealed class PenNamesSchema : GraphQL.Types.Schema
    {
        public PenNamesSchema(IServiceProvider services) : base(services)
        {
            var query = new ObjectGraphType { Name = "Query" };
            query.Field<ListGraphType<PenNameType>>("penNames").Resolve(_ => null).FieldType.AddFilterArgument<PenNameType>();
            Query = query;
        }
    }

    private static TSchema Build<TSchema>() where TSchema : class, ISchema
    {
        var services = new ServiceCollection();
        services.AddGraphQL(graphql => graphql.AddSchema<TSchema>().AddSystemTextJson());
        services.AddTransient<PenNameType>().AddTransient<SignedBookType>();
        services.AddFiltering();
        var schema = services.BuildServiceProvider().GetRequiredService<TSchema>();
        schema.Initialize();
        return schema;
    }

    [Fact]
    public void A_field_leading_to_a_type_with_nothing_to_filter_is_left_out()
    {
        var schema = Build<BooksSchema>();

        var input = Assert.IsAssignableFrom<IInputObjectGraphType>(schema.AllTypes["SignedBookFilterInput"]);
        Assert.Equal(["and", "or", "title"], input.Fields.Select(f => f.Name));
        Assert.Null(schema.AllTypes["PenNameFilterInput"]);
    }

    [Fact]
    public void A_where_over_a_type_with_nothing_to_filter_is_refused_when_the_schema_is_built()
    {
        var error = Record.Exception(Build<PenNamesSchema>);

        Assert.NotNull(error);
        var refusal = error as InvalidOperationException ?? error.InnerException as InvalidOperationException ?? error.GetBaseException() as InvalidOperationException;
        Assert.NotNull(refusal);
        Assert.Contains("PenNameFilterInput would hold only and/or", refusal.Message, StringComparison.Ordinal);
    }
}
