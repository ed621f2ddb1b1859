namespace Bot.Storage;

/// <summary>Where the SQLite file lives (<c>Storage:Path</c>, or <c>Storage__Path</c> in the environment).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string Path { get; set; } = "data/opsbot.db";
}
