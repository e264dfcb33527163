using System.CommandLine;
using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using Platform.Hosting.Persistence;
using Platform.Server.Security;
using Platform.Hosting.Security;
using SkillMatrix.Catalog.Contracts;
using SkillMatrix.Community;

namespace SkillMatrix.Host.Cli;

/// <summary>
/// The verbs after <c>--</c>: <c>schema export</c>, <c>import</c>, <c>migrate</c>, <c>token</c>. Each builds the same
/// application as the server does, uses its services, and exits without listening.
/// </summary>
internal static class CommandLine
{
    private static readonly string[] Verbs = ["schema", "import", "migrate", "token"];

    private static readonly string[] HelpWords = ["help", "--help", "-h", "-?", "/?"];

    /// <summary>
    /// Whether <paramref name="args"/> ask for a verb (or help) rather than for the server. The server's own arguments
    /// are options (<c>--urls ...</c>) or configuration (<c>Key=Value</c>); any other first word is a verb, known or not,
    /// so a typo is refused instead of starting the server.
    /// </summary>
    public static bool IsVerb(string[] args) =>
        args.Length > 0 && (HelpWords.Contains(args[0]) || (!args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal)));

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("SkillMatrix: a GraphQL server for career skill matrices. Without a verb it serves the API: SkillMatrix.Host [--urls http://host:port] [--environment Development] [Key=Value ...] (configuration keys: see the README).");
        root.Subcommands.Add(SchemaCommand());
        root.Subcommands.Add(ImportCommand());
        root.Subcommands.Add(MigrateCommand());
        root.Subcommands.Add(TokenCommand());
        if (args[0] == "help" || args[0] == "/?")
        {
            args = ["--help"];
        }
        else if (!args[0].StartsWith('-') && !Verbs.Contains(args[0]))
        {
            await Console.Error.WriteLineAsync($"'{args[0]}' is not a verb. Verbs: {string.Join(", ", Verbs)}; without one the server starts (--help for more).");
            return 2;
        }

        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception exception) when (exception is not DatabaseStartupException)
        {
            // What System.CommandLine's own handler does; a database start-up failure goes on to Program, which
            // says it in one line.
            await Console.Error.WriteLineAsync($"Unhandled exception: {exception}");
            return 1;
        }
    }

    private static Command SchemaCommand()
    {
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the schema to this file instead of standard output." };
        var export = new Command("export", "Print the GraphQL schema (SDL) as the server serves it.") { output };
        export.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = SkillMatrixHost.Build([]);
            var sdl = PrintSchema(app.Services);
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, sdl, cancellationToken);
                Console.WriteLine($"Wrote {file.FullName}");
            }
            else
            {
                Console.Write(sdl);
            }

            return 0;
        });
        return new Command("schema", "Schema commands.") { export };
    }

    private static Command ImportCommand()
    {
        var file = new Argument<FileInfo>("file") { Description = "A seed page in the page-text format (see seeds/)." };
        var force = new Option<bool>("--force")
        {
            Description = "Import even where the community changed cells (accepted proposals) since the role's last import, reverting them.",
        };
        var import = new Command("import", "Import or update a role from a seed page, in one transaction.") { file, force };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"{path.FullName}: no such file");
                return 2;
            }

            await using var app = SkillMatrixHost.Build([]);
            var migrator = app.Services.GetRequiredService<DatabaseMigrator>();
            // The start-up lock, so that an import never races a replica's first-start seeding.
            await using var startupLock = await migrator.LockAsync(cancellationToken);
            await migrator.MigrateAsync(cancellationToken);
            using var scope = app.Services.CreateScope();
            try
            {
                var result = await scope.ServiceProvider.GetRequiredService<ICatalogSeeding>()
                    .ImportFileAsync(path.FullName, parse.GetValue(force), cancellationToken);
                foreach (var warning in result.Warnings)
                {
                    await Console.Error.WriteLineAsync($"warning: {warning}");
                }

                if (result.Refused)
                {
                    await Console.Error.WriteLineAsync(
                        $"Not imported: the community changed {result.CommunityCells.Count} cell(s) of role {result.RoleSlug} since its last import, and {path.Name} would revert them:");
                    foreach (var cell in result.CommunityCells)
                    {
                        await Console.Error.WriteLineAsync($"  {cell.Skill} at {cell.Level}: {cell.Current} now, {cell.Page} on the page");
                    }

                    await Console.Error.WriteLineAsync("Nothing was written. Update the page to agree, or run the import again with --force to revert them.");
                    return 4;
                }

                Console.WriteLine(result.Created ? $"Created role {result.RoleSlug}: {result.SkillCount} skills, {result.RequirementCount} requirements"
                    : result.Changed && result.CommunityCells.Count > 0
                        ? $"Updated role {result.RoleSlug} to version {result.Version}, reverting {result.CommunityCells.Count} community change(s): {result.SkillCount} skills, {result.RequirementCount} requirements"
                    : result.Changed ? $"Updated role {result.RoleSlug} to version {result.Version}: {result.SkillCount} skills, {result.RequirementCount} requirements"
                    : $"Role {result.RoleSlug} is already up to date");
                return 0;
            }
            catch (SeedFileException exception)
            {
                await Console.Error.WriteLineAsync(exception.Message);
                return 1;
            }
        });
        return import;
    }

    private static Command MigrateCommand()
    {
        var migrate = new Command("migrate", "Create or update the database's tables, then exit.");
        migrate.SetAction(async (_, cancellationToken) =>
        {
            await using var app = SkillMatrixHost.Build([]);
            var migrator = app.Services.GetRequiredService<DatabaseMigrator>();
            await using (await migrator.LockAsync(cancellationToken))
            {
                await migrator.MigrateAsync(cancellationToken);
            }

            Console.WriteLine("The database is up to date.");
            return 0;
        });
        return migrate;
    }

    private static Command TokenCommand()
    {
        var subject = new Option<string>("--sub") { Description = "The member id (the token's sub claim).", Required = true };
        var name = new Option<string?>("--name") { Description = "The display name (the name claim); the member id when left out." };
        var role = new Option<string[]>("--role")
        {
            Description = $"A role besides {Roles.Member}, which every token carries (e.g. {CommunityModule.ExpertRole}); repeat for more.",
            // One value per --role: a bare --role is a mistake, not "no role".
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var lifetime = new Option<TimeSpan>("--lifetime")
        {
            Description = "How long the token is valid: 8h, 90m, 30s, 1d or hh:mm:ss (default 8h).",
            DefaultValueFactory = _ => LocalTokenIssuer.DefaultLifetime,
            CustomParser = result => ParseLifetime(result.Tokens.Single().Value, result.AddError),
        };
        var token = new Command("token", "Print a signed bearer token for local use (Auth:SigningKey); the token is the last line.")
        {
            subject, name, role, lifetime,
        };
        token.SetAction(async (parse, _) =>
        {
            await using var app = SkillMatrixHost.Build([]);
            try
            {
                var issued = app.Services.GetRequiredService<LocalTokenIssuer>().Issue(
                    parse.GetValue(subject)!, parse.GetValue(name), parse.GetValue(role), parse.GetValue(lifetime));
                Console.WriteLine($"Token for {issued.Subject} ({issued.Name}), roles {string.Join(", ", issued.Roles)}, valid until {issued.ExpiresAt:u}:");
                Console.WriteLine(issued.Token);
                return 0;
            }
            catch (AuthConfigurationException exception)
            {
                await Console.Error.WriteLineAsync(exception.Message);
                return 1;
            }
        });
        return token;
    }

    private static TimeSpan ParseLifetime(string text, Action<string> error)
    {
        var units = new Dictionary<char, Func<double, TimeSpan>>
        {
            ['d'] = TimeSpan.FromDays, ['h'] = TimeSpan.FromHours, ['m'] = TimeSpan.FromMinutes, ['s'] = TimeSpan.FromSeconds,
        };
        TimeSpan? value = text.Length > 1 && units.TryGetValue(char.ToLowerInvariant(text[^1]), out var unit)
            && double.TryParse(text[..^1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var amount)
                ? unit(amount)
                : TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var span) ? span : null;
        if (value is not { } lifetime || lifetime <= TimeSpan.Zero)
        {
            error($"--lifetime: '{text}' is not a positive duration such as 8h, 90m, 30s, 1d or 08:00:00.");
            return default;
        }

        return lifetime;
    }

    public static string PrintSchema(IServiceProvider services)
    {
        var schema = services.GetRequiredService<ISchema>();
        schema.Initialize();
        return schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true })
            .ReplaceLineEndings("\n").TrimEnd() + "\n";
    }
}
