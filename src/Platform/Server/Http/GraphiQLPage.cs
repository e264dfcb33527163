using System.Net;
using System.Text.Json;

namespace Platform.Server.Http;

/// <summary>
/// The IDE a browser gets on GET without a query. GraphiQL comes from a CDN at pinned versions with Subresource
/// Integrity hashes (computed from the npm packages the CDN serves), so a changed file is refused, not run.
/// </summary>
internal static class GraphiQLPage
{
    /// <param name="endpointPath">Path of the GraphQL endpoint (path base included), which GraphiQL posts to.</param>
    /// <param name="title">The page's title (the host's <see cref="GraphQLHttpOptions.IdeTitle"/>).</param>
    public static string Render(string endpointPath, string title)
    {
        // JSON string escaping also escapes <, > and &, so the value is safe inside the script element.
        var url = JsonSerializer.Serialize(endpointPath);
        return Template
            .Replace("{{TITLE}}", WebUtility.HtmlEncode(title), StringComparison.Ordinal)
            .Replace("{{ENDPOINT}}", url, StringComparison.Ordinal);
    }

    private const string Template = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{{TITLE}}</title>
          <link rel="stylesheet" href="https://unpkg.com/graphiql@3.9.0/graphiql.min.css"
                integrity="sha384-QMux00XgRtwRLSYIY3kw2rj1ovk5AuuliAchk+HSQbqdbGFnz9GYuqIlOqxhwCE2" crossorigin="anonymous" />
          <style>
            body { margin: 0; }
            #graphiql { height: 100vh; }
          </style>
        </head>
        <body>
          <div id="graphiql">Loading GraphiQL...</div>
          <script src="https://unpkg.com/react@18.3.1/umd/react.production.min.js"
                  integrity="sha384-DGyLxAyjq0f9SPpVevD6IgztCFlnMF6oW/XQGmfe+IsZ8TqEiDrcHkMLKI6fiB/Z" crossorigin="anonymous"></script>
          <script src="https://unpkg.com/react-dom@18.3.1/umd/react-dom.production.min.js"
                  integrity="sha384-gTGxhz21lVGYNMcdJOyq01Edg0jhn/c22nsx0kyqP0TxaV5WVdsSH1fSDUf5YJj1" crossorigin="anonymous"></script>
          <script src="https://unpkg.com/graphiql@3.9.0/graphiql.min.js"
                  integrity="sha384-8NGfVj4CVlqHajlZj+bPJT4thxPMHMJYn7DWK2CvtopLd02E7qsPHazniBYvVjOO" crossorigin="anonymous"></script>
          <script>
            const fetcher = GraphiQL.createFetcher({ url: {{ENDPOINT}} });
            ReactDOM.createRoot(document.getElementById('graphiql'))
              .render(React.createElement(GraphiQL, { fetcher: fetcher }));
          </script>
        </body>
        </html>
        """;
}
