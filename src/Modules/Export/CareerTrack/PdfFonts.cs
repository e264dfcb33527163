using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using PdfSharp.Fonts;

namespace SkillMatrix.Export.CareerTrack;

/// <summary>Where the PDF export looks for its font (configuration section <c>Export:Fonts</c>).</summary>
internal sealed class PdfFontOptions
{
    public const string SectionName = "Export:Fonts";

    /// <summary>The family tried first; the well-known families of <see cref="PdfFonts.FallbackFamilies"/> follow it.</summary>
    public string Family { get; set; } = "DejaVu Sans";

    /// <summary>
    /// Folders searched (with their subfolders) for the family's TrueType files. Empty means the usual system folders and
    /// then <c>fc-match</c>; set, it means these folders only, so a deployment (or a test) decides exactly where fonts come from.
    /// </summary>
    public List<string> Folders { get; set; } = [];
}

/// <summary>The TrueType files of one family: a regular face, and a bold face when the family has one.</summary>
internal sealed record PdfFontFaces(string Family, string Regular, string? Bold);

/// <summary>No font for the PDF could be found; the message names the families and the places looked at.</summary>
internal sealed class PdfFontNotFoundException(string message) : Exception(message);

/// <summary>
/// Finds a system font for the PDF export. No font file is committed: the fonts come from the machine
/// (Debian: <c>fonts-dejavu-core</c>), so a missing one must be a clear error rather than an exception deep in PDFsharp.
/// One per host; a found font is kept, a missing one is looked for again on the next request (it may be installed meanwhile).
/// </summary>
internal sealed class PdfFonts(IOptions<PdfFontOptions> options)
{
    /// <summary>Families tried after the configured one; each ships as plain TrueType files on common Linux distributions.</summary>
    public static readonly string[] FallbackFamilies = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "FreeSans"];

    private PdfFontFaces? found;

    /// <summary>The faces to draw with, registered with the process-wide resolver; throws <see cref="PdfFontNotFoundException"/>.</summary>
    public PdfFontFaces Require()
    {
        if (found is null)
        {
            var faces = Locate();
            SystemFontResolver.Install(faces);
            found = faces;
        }

        return found;
    }

    private PdfFontFaces Locate()
    {
        var settings = options.Value;
        var families = new[] { settings.Family }.Concat(FallbackFamilies).Where(f => !string.IsNullOrWhiteSpace(f))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var configured = settings.Folders.Where(f => !string.IsNullOrWhiteSpace(f)).ToArray();
        var folders = configured.Length > 0 ? configured : SystemFolders();

        var files = TrueTypeFiles(folders);
        foreach (var family in families)
        {
            if (FromFileNames(family, files) is { } faces)
            {
                return faces;
            }
        }

        // fontconfig knows fonts in folders of its own configuration; it is asked only when no folders were configured.
        if (configured.Length == 0)
        {
            foreach (var family in families)
            {
                if (FromFontConfig(family) is { } faces)
                {
                    return faces;
                }
            }
        }

        throw new PdfFontNotFoundException(
            $"The PDF export needs the font family '{families[0]}' (or one of {string.Join(", ", families.Skip(1).Select(f => $"'{f}'"))}) " +
            $"as TrueType files (.ttf), and found none in {string.Join(", ", folders)}{(configured.Length == 0 ? " nor through fc-match" : "")}. " +
            $"Install it (Debian/Ubuntu: apt-get install fonts-dejavu-core) or point {PdfFontOptions.SectionName}:Folders at a folder that holds it.");
    }

    private static string[] SystemFolders()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new[]
            {
                "/usr/share/fonts", "/usr/local/share/fonts", Path.Combine(home, ".local/share/fonts"), Path.Combine(home, ".fonts"),
                "/Library/Fonts", "/System/Library/Fonts", Environment.GetFolderPath(Environment.SpecialFolder.Fonts),
            }
            .Where(f => f.Length > 0).Distinct().ToArray();
    }

    // File name (lower case) -> path, first one wins; a font folder tree is small, and this runs once per host.
    private static Dictionary<string, string> TrueTypeFiles(IEnumerable<string> folders)
    {
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var enumeration = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive, MaxRecursionDepth = 6 };
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.ttf", enumeration))
            {
                files.TryAdd(Path.GetFileName(file), file);
            }
        }

        return files;
    }

    // The usual file names of a family: DejaVuSans.ttf / DejaVuSans-Bold.ttf, LiberationSans-Regular.ttf / -Bold.ttf,
    // FreeSans.ttf / FreeSansBold.ttf. Reading the fonts' name tables would be exact, but these names are stable.
    private static PdfFontFaces? FromFileNames(string family, Dictionary<string, string> files)
    {
        var stem = family.Replace(" ", "", StringComparison.Ordinal);
        var regular = First(files, $"{stem}.ttf", $"{stem}-Regular.ttf", $"{stem}Regular.ttf");
        return regular is null ? null : new PdfFontFaces(family, regular, First(files, $"{stem}-Bold.ttf", $"{stem}Bold.ttf", $"{stem}bd.ttf"));
    }

    private static string? First(Dictionary<string, string> files, params string[] names) =>
        names.Select(n => files.GetValueOrDefault(n)).FirstOrDefault(p => p is not null);

    private static PdfFontFaces? FromFontConfig(string family)
    {
        var regular = FontConfigMatch(family, "regular");
        return regular is null ? null : new PdfFontFaces(family, regular, FontConfigMatch(family, "bold"));
    }

    // fc-match always answers with its best substitute, so the answer counts only when it is the family asked for
    // and a TrueType file (PDFsharp embeds TrueType outlines, not Type 1 or CFF).
    private static string? FontConfigMatch(string family, string style)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("fc-match", ["--format=%{family}\n%{file}", $"{family}:style={style}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(5000) || process.ExitCode != 0)
            {
                return null;
            }

            var lines = output.Split('\n');
            var families = lines[0].Split(',', StringSplitOptions.TrimEntries);
            var file = lines.Length > 1 ? lines[1].Trim() : "";
            var sameFamily = families.Contains(family, StringComparer.OrdinalIgnoreCase);
            var styleOk = style != "bold" || Path.GetFileNameWithoutExtension(file).Contains("bold", StringComparison.OrdinalIgnoreCase);
            return sameFamily && styleOk && file.EndsWith(".ttf", StringComparison.OrdinalIgnoreCase) && File.Exists(file) ? file : null;
        }
        catch (Win32Exception)
        {
            return null; // no fontconfig on this machine
        }
    }
}

/// <summary>
/// PDFsharp's font resolver, one for the process: PDFsharp keeps its resolver and its font caches in static state, and
/// refuses a different resolver once a font was used. So every host in the process installs this same instance (setting
/// the same instance again is a no-op for PDFsharp), and the first faces found serve the whole process. Documents ask
/// for the family <see cref="Family"/>, a name of ours, so that no other code's family names reach it.
/// </summary>
internal sealed class SystemFontResolver : IFontResolver
{
    public const string Family = "SkillMatrix Export";

    private static readonly SystemFontResolver Instance = new();
    private static readonly Lock Gate = new();

    private volatile PdfFontFaces? faces;

    public static void Install(PdfFontFaces found)
    {
        lock (Gate)
        {
            Instance.faces ??= found;
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance))
            {
                GlobalFontSettings.FontResolver = Instance;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic)
    {
        var current = faces;
        if (current is null || !string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // The face name is the file's path, so GetFont needs no table of its own. A family without a bold file is made bold by PDFsharp.
        var bold = isBold && current.Bold is not null;
        return new FontResolverInfo(bold ? current.Bold! : current.Regular, mustSimulateBold: isBold && !bold, mustSimulateItalic: isItalic);
    }

    public byte[]? GetFont(string faceName) => File.Exists(faceName) ? File.ReadAllBytes(faceName) : null;
}
