using Microsoft.Data.Sqlite;

namespace Bot.Bench;

internal static class Sql
{
    /// <summary>Runs one statement without results (the bench's own setup and maintenance SQL).</summary>
    public static void Exec(this SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
