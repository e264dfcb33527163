using System.Text;
using SkillMatrix.Catalog.Contracts;

namespace SkillMatrix.Export.CareerTrack;

/// <summary>
/// The career track as RFC 4180 CSV: a header, then one row per requirement in page order; UTF-8 without a byte-order
/// mark (the content type says the charset), CRLF line ends. Values are the API's: level keys and proficiency names as
/// the GraphQL enums spell them, so a spreadsheet and a GraphQL client see the same words.
/// </summary>
internal static class CareerTrackCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static readonly string[] Columns = ["role", "domain", "skill", "level", "level_rank", "proficiency", "mandatory"];

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task WriteAsync(Stream output, RolePage role, IAsyncEnumerable<PageCell> cells, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, Utf8, bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(Row(Columns));
        await foreach (var cell in cells.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(Row(
                role.Name, cell.Domain, cell.Skill, cell.LevelKey, cell.LevelRank.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Name(cell.Proficiency), cell.Mandatory ? "true" : "false"));
        }

        await writer.FlushAsync(cancellationToken);
    }

    public static string Row(params string[] fields) => string.Join(',', fields.Select(Field));

    /// <summary>One field: quoted when it holds a comma, a quote or a line break, with its quotes doubled; as it is otherwise.</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Name(Proficiency proficiency) => proficiency switch
    {
        Proficiency.Awareness => "AWARENESS",
        Proficiency.Working => "WORKING",
        Proficiency.Advanced => "ADVANCED",
        Proficiency.Expert => "EXPERT",
        _ => proficiency.ToString().ToUpperInvariant(),
    };
}
