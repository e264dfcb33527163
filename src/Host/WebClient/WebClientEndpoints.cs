using Microsoft.Extensions.FileProviders;

namespace SkillMatrix.Host.WebClient;

/// <summary>
/// The dashboard (web/, built by the Host's build when npm is there) at <c>/</c>: its files from <c>WebClient:Path</c>
/// (default <c>wwwroot</c> beside the built Host), and its index.html for the client's own routes
/// (<c>/roles/backend-developer-python</c>, web/src/App.tsx), so that a link to one loads the client. Nothing else
/// falls back: <c>/graphql</c>, <c>/health/*</c>, <c>/metrics</c> and any unknown path stay the API's or a 404 (a
/// scanner probing <c>/graphiql</c> or <c>/playground</c> finds nothing). Without a built client, <c>/</c> says how to
/// build it and the API works as before.
/// </summary>
internal static class WebClientEndpoints
{
    public const string PathKey = "WebClient:Path";

    /// <summary>The client's routes besides <c>/</c> (its router's, in web/src/App.tsx), each with whatever is below it.</summary>
    private static readonly PathString[] ClientRoutes = ["/roles", "/sign-in", "/notifications"];

    /// <summary>Vite names every asset by a hash of its content, so it never changes under its name.</summary>
    private static readonly PathString HashedAssets = "/assets";

    public static string ClientRoot(IConfiguration configuration) =>
        Path.GetFullPath(configuration[PathKey] is { Length: > 0 } path ? path : "wwwroot", AppContext.BaseDirectory);

    /// <summary>Static files of the client, before routing (a file is a file, whatever endpoints exist).</summary>
    public static void UseWebClientFiles(this WebApplication app)
    {
        var root = ClientRoot(app.Configuration);
        if (!Directory.Exists(root))
        {
            return;
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
                context.Context.Request.Path.StartsWithSegments(HashedAssets) ? "public, max-age=31536000, immutable" : "no-cache",
        });
    }

    /// <summary>The fallback (the lowest-priority route): index.html for the client's routes, or the page that says how to build the client.</summary>
    public static void MapWebClientFallback(this WebApplication app)
    {
        var index = Path.Combine(ClientRoot(app.Configuration), "index.html");
        app.MapFallback(context =>
        {
            var request = context.Request;
            var isClientRoute = request.Path == "/" || ClientRoutes.Any(route => request.Path.StartsWithSegments(route, StringComparison.Ordinal));
            if (!isClientRoute || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            context.Response.Headers.CacheControl = "no-cache";
            if (File.Exists(index))
            {
                return Results.File(index, "text/html; charset=utf-8").ExecuteAsync(context);
            }

            // Not built: the root says how; a client route is a 404 with the same words.
            context.Response.StatusCode = request.Path == "/" ? StatusCodes.Status200OK : StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync(NotBuiltPage);
        });
    }

    private const string NotBuiltPage = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>SkillMatrix</title></head>
        <body>
        <h1>SkillMatrix</h1>
        <p>The API is at <a href="/graphql">/graphql</a> (GraphiQL in a browser).</p>
        <p>The web client is not built. Install Node.js 20.19 or later with npm, then build the Host again
        (<code>dotnet build src/Host</code>, or <code>dotnet run --project src/Host</code>): the build runs
        <code>npm ci</code> and <code>npm run build</code> in <code>web/</code>. Or build it by hand with
        <code>npm ci --prefix web &amp;&amp; npm run build --prefix web</code> and set <code>WebClient:Path</code> to
        <code>web/dist</code>.</p>
        </body>
        </html>
        """;
}
