using System.Net;
using System.Text.Json;

namespace Platform.Server.Http;

/// <summary>
/// The IDE a browser gets on GET without a query. Every file it loads is served by this server under the endpoint's
/// <c>/ide/</c> path (<see cref="GraphiQLAssets"/>), at a path that names the package's version, so the page needs no
/// internet access and a browser may cache each file for good.
/// </summary>
internal static class GraphiQLPage
{
    /// <summary>The segment under the endpoint's path where the IDE's files are served.</summary>
    public const string AssetsSegment = "ide";

    /// <param name="endpointPath">Path of the GraphQL endpoint (path base included), which GraphiQL posts to.</param>
    /// <param name="title">The page's title (the host's <see cref="GraphQLIdeOptions.Title"/>).</param>
    public static string Render(string endpointPath, string title, GraphiQLAssets assets)
    {
        var root = $"{endpointPath.TrimEnd('/')}/{AssetsSegment}/";
        // JSON string escaping also escapes <, > and &, so the value is safe inside the script element.
        var url = JsonSerializer.Serialize(endpointPath);
        return Template
            .Replace("{{TITLE}}", WebUtility.HtmlEncode(title), StringComparison.Ordinal)
            .Replace("{{STYLESHEET}}", WebUtility.HtmlEncode(root + assets.Stylesheet), StringComparison.Ordinal)
            .Replace("{{REACT}}", WebUtility.HtmlEncode(root + assets.ReactScript), StringComparison.Ordinal)
            .Replace("{{REACT_DOM}}", WebUtility.HtmlEncode(root + assets.ReactDomScript), StringComparison.Ordinal)
            .Replace("{{GRAPHIQL}}", WebUtility.HtmlEncode(root + assets.GraphiQLScript), StringComparison.Ordinal)
            .Replace("{{ENDPOINT}}", url, StringComparison.Ordinal);
    }

    private const string Template = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{{TITLE}}</title>
          <link rel="stylesheet" href="{{STYLESHEET}}" />
          <style>
            body { margin: 0; }
            #graphiql { height: 100vh; }
          </style>
        </head>
        <body>
          <div id="graphiql">Loading GraphiQL...</div>
          <script src="{{REACT}}"></script>
          <script src="{{REACT_DOM}}"></script>
          <script src="{{GRAPHIQL}}"></script>
          <script>
            const fetcher = GraphiQL.createFetcher({ url: {{ENDPOINT}} });
            ReactDOM.createRoot(document.getElementById('graphiql'))
              .render(React.createElement(GraphiQL, { fetcher: fetcher }));
          </script>
        </body>
        </html>
        """;
}
