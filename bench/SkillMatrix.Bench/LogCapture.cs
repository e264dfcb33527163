using System.Text;
using Microsoft.Extensions.Configuration;

namespace SkillMatrix.Bench;

/// <summary>
/// The Host's console logs, counted: the JSON console logger keeps the <see cref="Console.Out"/> it found when it was
/// created, so the bench swaps it in while the Host is built and started and prints through the real one. The lines go
/// to a temporary file (a container's stdout ends in a file too) that is deleted at the end.
/// </summary>
internal sealed class LogCapture : TextWriter
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"skillmatrix-bench-{Guid.NewGuid():N}.log");
    private readonly StreamWriter file;
    private long bytes;

    public LogCapture() => file = new StreamWriter(path, append: false, new UTF8Encoding(false));

    public override Encoding Encoding => file.Encoding;

    /// <summary>UTF-8 bytes written so far.</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    public override void Write(char value) => Write(new string(value, 1));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        Interlocked.Add(ref bytes, Encoding.UTF8.GetByteCount(value));
        file.Write(value);
    }

    public override void Flush() => file.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Dispose();
            File.Delete(path);
        }

        base.Dispose(disposing);
    }
}

/// <summary>
/// Sets the level of one log category while the Host runs: a configuration source added last (it wins), whose change
/// the logger factory's filter options follow, so both levels are measured by the same process, one after the other.
/// </summary>
internal sealed class LogLevelSwitch(string category) : ConfigurationProvider, IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public void Set(string level)
    {
        Data[$"Logging:LogLevel:{category}"] = level;
        OnReload();
    }
}
