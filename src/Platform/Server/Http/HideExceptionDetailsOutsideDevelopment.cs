using GraphQL.Execution;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.Server.Http;

/// <summary>
/// Exception messages and stack traces stay out of responses outside Development, whatever else configured the
/// error info provider: a post-configuration runs after every Configure. Resolver exceptions then surface only as
/// GraphQL.NET's "Error trying to resolve field '...'" and are logged by the endpoint.
/// </summary>
internal sealed class HideExceptionDetailsOutsideDevelopment(IHostEnvironment? environment = null) : IPostConfigureOptions<ErrorInfoProviderOptions>
{
    public void PostConfigure(string? name, ErrorInfoProviderOptions options)
    {
        // `codes` lists codes made from inner exception types (INVALID_OPERATION, OVERFLOW); `code` says what clients need.
        options.ExposeCodes = false;
        if (environment?.IsDevelopment() != true)
        {
            options.ExposeExceptionDetails = false;
        }
    }
}
