using Bot.Storage.Sqlite;

namespace Bot.Storage.Import.Kinds;

/// <summary>Parses, validates and writes the rows of one kind within an <see cref="ImportSession"/>.</summary>
internal abstract class KindHandler(ImportSession session) : IDisposable
{
    private readonly List<BulkStatement> _statements = [];

    protected ImportSession Session { get; } = session;

    /// <summary>Handles the current record; errors go to the session, and nothing is written once there is one.</summary>
    public abstract void Row();

    /// <summary>Called after the last row when the file had no error, before the commit.</summary>
    public virtual void Complete()
    {
    }

    public void Dispose()
    {
        foreach (var statement in _statements)
        {
            statement.Dispose();
        }
    }

    /// <summary>A prepared statement reused for every row, with its parameters rebound (storage-notes.md: the fast bulk path).</summary>
    protected BulkStatement Prepared(string sql, params string[] names)
    {
        var statement = new BulkStatement(Session.Connection, sql, names);
        _statements.Add(statement);
        return statement;
    }
}
