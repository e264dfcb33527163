using Microsoft.Extensions.Options;
using Platform.Server.Limits;

namespace Platform.Server.PersistedQueries;

/// <summary>Which operations a manifest makes available by id, and whether it is the only source of documents.</summary>
internal enum PersistedOperationMode
{
    /// <summary>No manifest: a document id is not read, as before.</summary>
    Off,

    /// <summary>The manifest's operations may be sent by id; any other document is still accepted.</summary>
    Allow,

    /// <summary>
    /// Trusted documents: only the manifest's operations run, by id or by their exact text (HotChocolate's
    /// <c>OnlyAllowPersistedDocuments</c>, Apollo's safelisting).
    /// </summary>
    Only,
}

/// <summary>Persisted operations from a manifest file (<c>GraphQL:PersistedOperations</c>).</summary>
internal sealed class PersistedOperationOptions
{
    public const string SectionName = GraphQLLimitsOptions.SectionName + ":PersistedOperations";

    public const string ManifestKey = SectionName + ":" + nameof(Manifest);

    public const string ModeKey = SectionName + ":" + nameof(Mode);

    public PersistedOperationMode Mode { get; set; } = PersistedOperationMode.Off;

    /// <summary>The manifest's path; a relative one resolves against the content root.</summary>
    public string? Manifest { get; set; }

    /// <summary>The manifest read when the options were configured (internal, so the binder leaves it alone).</summary>
    internal PersistedOperationManifest? Loaded { get; set; }

    /// <summary>Why the manifest could not be read, one line naming the key and the path; start-up stops with it.</summary>
    internal string? LoadError { get; set; }

    /// <summary>
    /// Reads the manifest the settings name, once per configuration: the documents are in memory before the first
    /// request, and a broken file is found at start-up, not by the first client.
    /// </summary>
    internal void Load(string contentRoot)
    {
        Loaded = null;
        LoadError = null;
        if (Mode == PersistedOperationMode.Off)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(Manifest))
        {
            LoadError = $"{ManifestKey} is not set; {ModeKey} {Mode} needs the path of a manifest file.";
            return;
        }

        var path = Path.GetFullPath(Path.Combine(contentRoot, Manifest));
        try
        {
            Loaded = PersistedOperationManifest.Parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            LoadError = $"{ManifestKey}: there is no file at '{path}'.";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LoadError = $"{ManifestKey}: '{path}' could not be read ({OneLine(ex.Message)}).";
        }
        catch (InvalidDataException ex)
        {
            LoadError = $"{ManifestKey}: '{path}' {ex.Message}";
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}

/// <summary>Stops start-up (ValidateOnStart) with the manifest's load error, which names the key and the path.</summary>
internal sealed class PersistedOperationOptionsValidator : IValidateOptions<PersistedOperationOptions>
{
    public ValidateOptionsResult Validate(string? name, PersistedOperationOptions options) =>
        options.LoadError is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
}
