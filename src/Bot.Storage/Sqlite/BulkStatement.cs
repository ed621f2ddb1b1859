using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Bot.Storage.Sqlite;

/// <summary>One prepared statement executed many times with its parameters rebound: the bulk-import write path.</summary>
/// <remarks>
/// Goes to SQLitePCL directly on the connection's handle. Per row, SqliteCommand.ExecuteNonQuery
/// builds a data reader and boxes every parameter value; measured here that halves the insert rate,
/// which decides whether a 4.4 M-row import meets 150k rows/s. Runs inside the connection's open
/// transaction (BEGIN was issued on the same handle).
/// </remarks>
internal sealed class BulkStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int[] _indexes;

    /// <param name="names">Parameter names in the order <see cref="Set(int, long)"/> and friends address them.</param>
    public BulkStatement(SqliteConnection connection, string sql, IReadOnlyList<string> names)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        _indexes = new int[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            _indexes[i] = raw.sqlite3_bind_parameter_index(_statement, names[i]);
            if (_indexes[i] == 0)
            {
                throw new ArgumentException($"The statement has no parameter {names[i]}.", nameof(names));
            }
        }
    }

    public void Set(int parameter, long value) => Check(raw.sqlite3_bind_int64(_statement, _indexes[parameter], value));

    public void Set(int parameter, double value) => Check(raw.sqlite3_bind_double(_statement, _indexes[parameter], value));

    public void Set(int parameter, string? value) => Check(value is null
        ? raw.sqlite3_bind_null(_statement, _indexes[parameter])
        : raw.sqlite3_bind_text(_statement, _indexes[parameter], value));

    public void Set(int parameter, long? value)
    {
        if (value is { } v)
        {
            Set(parameter, v);
        }
        else
        {
            Check(raw.sqlite3_bind_null(_statement, _indexes[parameter]));
        }
    }

    public void Set(int parameter, double? value)
    {
        if (value is { } v)
        {
            Set(parameter, v);
        }
        else
        {
            Check(raw.sqlite3_bind_null(_statement, _indexes[parameter]));
        }
    }

    /// <summary>Runs the statement once with the bound values, then resets it for the next row.</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc is not (raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    /// <summary>Runs a statement with a RETURNING clause and gives the first column of its first row.</summary>
    public long ExecuteReturning()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc != raw.SQLITE_ROW)
        {
            raw.sqlite3_reset(_statement);
            SqliteException.ThrowExceptionForRC(rc == raw.SQLITE_DONE ? raw.SQLITE_MISUSE : rc, _db);
        }

        var value = raw.sqlite3_column_int64(_statement, 0);
        while (rc == raw.SQLITE_ROW)
        {
            rc = raw.sqlite3_step(_statement);
        }

        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return value;
    }

    /// <summary>Steps a query: true while it gives a row (read with <see cref="Int64"/>), false at the end, when it is reset for new values.</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return false;
    }

    /// <summary>A column of the row <see cref="Read"/> stepped to.</summary>
    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
