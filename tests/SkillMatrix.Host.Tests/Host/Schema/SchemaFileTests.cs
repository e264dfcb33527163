using SkillMatrix.Host.Cli;

namespace SkillMatrix.Host.Tests.Host.Schema;

public sealed class SchemaFileTests(SeededHost fixture) : IClassFixture<SeededHost>
{
    private TestHost Host => fixture.Host;

    private const string Refresh = "dotnet run --project src/Host -v q -- schema export > schema.graphql";

    [Fact]
    public void Schema_file_at_the_root_is_what_the_code_prints()
    {
        var printed = CommandLine.PrintSchema(Host.Services);
        var committed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schema.graphql")).ReplaceLineEndings("\n");

        Assert.True(printed == committed, $"schema.graphql differs from the schema the code builds. Refresh it with `{Refresh}` and review the diff.");
    }

    [Fact]
    public async Task The_endpoint_serves_the_same_schema_as_sdl()
    {
        var served = await Host.Anonymous().GetStringAsync("/graphql?sdl");

        Assert.Equal(CommandLine.PrintSchema(Host.Services).TrimEnd(), served.ReplaceLineEndings("\n").TrimEnd());
    }
}
