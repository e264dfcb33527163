using System.Text.Json;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Data.Tests.Conventions;

/// <summary>Runs a query through GraphQL.NET's executer (no HTTP) and reads the ids of one root list.</summary>
internal static class ToyLibraryClient
{
    public static async Task<JsonElement> ExecuteAsync(ToyLibrary library, string query)
    {
        var executer = library.Services.GetRequiredService<IDocumentExecuter<ToyLibrarySchema>>();
        await using var scope = library.Services.CreateAsyncScope();
        var result = await executer.ExecuteAsync(options =>
        {
            options.Query = query;
            options.RequestServices = scope.ServiceProvider;
            // A failing resolver surfaces as its exception, not as "Error trying to resolve field".
            options.ThrowOnUnhandledException = true;
        });
        var json = library.Services.GetRequiredService<IGraphQLTextSerializer>().Serialize(result);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    public static async Task<int[]> IdsAsync(ToyLibrary library, string field, string arguments)
    {
        var result = await ExecuteAsync(library, $"{{ {field}({arguments}) {{ id }} }}");
        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        return result.GetProperty("data").GetProperty(field).EnumerateArray()
            .Select(item => int.Parse(item.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
    }
}
