namespace Bot.Storage.Sqlite;

/// <summary>The lookup key of a shop or channel name: case, spaces, underscores and hyphens do not matter.</summary>
/// <remarks>"Natural Search", "natural_search" and "natural-search" are one channel; the alias tables store this key.</remarks>
public static class RegistryKey
{
    public static string Normalize(ReadOnlySpan<char> text)
    {
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            if (c is '_' or '-' || char.IsWhiteSpace(c))
            {
                continue;
            }

            buffer[length++] = char.ToLowerInvariant(c);
        }

        return new string(buffer[..length]);
    }
}
