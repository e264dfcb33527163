using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Server.Limits;

namespace Platform.Server.Tests.Limits;

/// <summary>
/// A toy library for the limits: a plain list (authors), lists nested in it, a paged field (booksPage, like a
/// connection), a list with a size estimate, a field with a cost, a slow resolver, a failing one and a mutation.
/// </summary>
internal sealed class LimitsToySchema : GraphQL.Types.Schema
{
    public LimitsToySchema(IServiceProvider services) : base(services)
    {
        var review = new ObjectGraphType { Name = "Review" };
        review.Field<IntGraphType>("stars").Resolve(_ => 5);

        var author = new ObjectGraphType { Name = "Author" };
        var book = new ObjectGraphType { Name = "Book" };
        author.Field<StringGraphType>("name").Resolve(_ => "Ann");
        author.Field("books", new ListGraphType(book)).Resolve(_ => new[] { new object() });
        book.Field<StringGraphType>("title").Resolve(_ => "Title");
        book.Field("author", author).Resolve(_ => new object());
        book.Field("reviews", new ListGraphType(review)).ListSize(3).Resolve(_ => new[] { new object() });

        var page = new ObjectGraphType { Name = "BookPage" };
        page.Field("nodes", new ListGraphType(book)).Resolve(_ => new[] { new object() });
        page.Field<IntGraphType>("totalCount").Resolve(_ => 1);

        var query = new ObjectGraphType { Name = "Query" };
        query.Field<StringGraphType>("hello").Resolve(_ => "world");
        query.Field("authors", new ListGraphType(author)).Resolve(_ => new[] { new object() });
        query.Field("book", book).Argument<IdGraphType>("id").Resolve(_ => new object());
        query.Field("booksPage", page)
            .Argument<IntGraphType>("first")
            .Argument<IntGraphType>("last")
            .Resolve(_ => new object());
        query.Field<StringGraphType>("expensive").Cost(500).Resolve(_ => "costly");
        query.Field<StringGraphType>("fail").Resolve(_ => throw new InvalidOperationException("secret internal detail") { Data = { ["secret"] = "data" } });
        query.AddNeverEndingField("slow");
        Query = query;

        var mutation = new ObjectGraphType { Name = "Mutation" };
        mutation.Field("addBook", book).Argument<StringGraphType>("title").Resolve(_ => new object());
        Mutation = mutation;
    }
}
