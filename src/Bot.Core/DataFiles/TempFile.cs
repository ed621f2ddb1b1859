namespace Bot.Core.DataFiles;

/// <summary>A scratch file for a CSV on its way in: deleted when closed, so a crash mid-import leaves nothing behind to clean.</summary>
public static class TempFile
{
    public static FileStream Create(string prefix) => new(
        Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.csv"),
        FileMode.CreateNew,
        FileAccess.ReadWrite,
        FileShare.None,
        1 << 16,
        FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
