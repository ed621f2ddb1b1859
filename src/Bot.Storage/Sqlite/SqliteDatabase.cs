using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Bot.Storage.Sqlite;

/// <summary>The one SQLite file of the bot: where it is and how to open a connection to it.</summary>
/// <remarks>
/// Every connection gets foreign keys on, <c>synchronous=NORMAL</c> and a 64 MiB page cache
/// (storage-notes.md); WAL is a property of the file and is set once by <see cref="SchemaMigrator"/>.
/// Connections are pooled, so opening one per operation is cheap.
/// </remarks>
public sealed class SqliteDatabase
{
    private const string ConnectionPragmas = "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA busy_timeout = 30000;";

    private readonly string _connectionString;
    private bool _directoryChecked;

    public SqliteDatabase(IOptions<StorageOptions> options)
        : this(options.Value.Path)
    {
    }

    /// <param name="path">The file; a relative path is resolved against the current working directory.</param>
    public SqliteDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = System.IO.Path.GetFullPath(path.Trim(), Directory.GetCurrentDirectory());
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
    }

    /// <summary>Absolute path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Opens a pooled connection with the per-connection pragmas applied; creates the folder on first use.</summary>
    public SqliteConnection Open()
    {
        EnsureDirectory();
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = ConnectionPragmas;
            pragmas.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        EnsureDirectory();
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = ConnectionPragmas;
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private void EnsureDirectory()
    {
        if (_directoryChecked)
        {
            return;
        }

        var directory = System.IO.Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _directoryChecked = true;
    }
}
