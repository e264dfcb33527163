using Platform.Hosting.Persistence;
using SkillMatrix.Host;
using SkillMatrix.Host.Cli;

// `dotnet run --project src/Host` serves; `dotnet run --project src/Host -- <verb> ...` runs a verb and exits.
try
{
    if (CommandLine.IsVerb(args))
    {
        return await CommandLine.RunAsync(args);
    }

    var app = SkillMatrixHost.Build(args);
    // Here rather than in the start-up's hosted service, where a failure is logged with its stack trace.
    await app.Services.GetRequiredService<DatabaseMigrator>().CheckConnectionAsync();
    await app.RunAsync();
    return 0;
}
catch (IOException exception) when (exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // Kestrel's message names the address ("Failed to bind to address http://127.0.0.1:5000: address already in use.").
    await Console.Error.WriteLineAsync($"SkillMatrix cannot start: {exception.Message} Choose another with --urls.");
    return 1;
}
catch (DatabaseStartupException exception)
{
    // A wrong Database:Provider, a missing connection string, a server that does not answer: the operator needs the
    // key or the host named, in one line, not a stack trace.
    await Console.Error.WriteLineAsync($"SkillMatrix cannot start: {exception.Message}");
    return 3;
}

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in the end-to-end tests.</summary>
public partial class Program;
