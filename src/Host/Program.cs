using SkillMatrix.Host;
using SkillMatrix.Host.Cli;

// `dotnet run --project src/Host` serves; `dotnet run --project src/Host -- <verb> ...` runs a verb and exits.
if (CommandLine.IsVerb(args))
{
    return await CommandLine.RunAsync(args);
}

var app = SkillMatrixHost.Build(args);
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in the end-to-end tests.</summary>
public partial class Program;
