using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Platform.Data.Relay;

/// <summary>Opaque ids, as HotChocolate makes them: base64 of <c>Type:key</c>.</summary>
public static class GlobalId
{
    public static string Encode(string typeName, int key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{typeName}:{key}")));

    /// <summary>Reads an id; false for anything that is not base64 of <c>Type:positive integer</c>.</summary>
    public static bool TryDecode(string? id, out string typeName, out int key)
    {
        typeName = "";
        key = 0;
        if (string.IsNullOrEmpty(id) || id.Length > 200 || !Base64.IsValid(id))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(Convert.FromBase64String(id));
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out key) || key <= 0)
        {
            return false;
        }

        typeName = text[..colon];
        // One spelling per id: leading zeros, trailing bytes or whitespace in the base64 would name the same object
        // under another id, which clients then cannot compare.
        return Encode(typeName, key) == id;
    }

    /// <summary>The key of an id that must be of <paramref name="typeName"/>; null when it is not.</summary>
    public static int? KeyOf(string? id, string typeName) =>
        TryDecode(id, out var type, out var key) && type == typeName ? key : null;
}
