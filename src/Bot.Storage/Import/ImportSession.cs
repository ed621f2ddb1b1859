using System.Globalization;
using Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bot.Storage.Import;

/// <summary>The state of one import: the open transaction, the registries, the issues found so far and field helpers for the current record.</summary>
/// <remarks>
/// Field helpers take the canonical column index (position in <see cref="KindColumns.For"/>) and
/// report at most one error per line: the first problem is what the user must fix.
/// </remarks>
internal sealed class ImportSession
{
    private const int MaxStackChars = 256;

    private readonly Dictionary<string, int> _shopKeys;
    private readonly Dictionary<string, int> _shopByText = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _channelKeys;
    private readonly Dictionary<string, int> _channelByText = new(StringComparer.Ordinal);
    private readonly List<string> _knownChannels;
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _countBefore = [];
    private readonly string _countTable;
    private readonly int[] _fields;
    private readonly string[] _headers;
    private readonly RawCache _shopCache = new(1);
    private readonly RawCache _channelCache = new(16);
    private readonly RawCache _dateCache = new(1);
    private long _errorLine = -1;
    private long _firstUnknownChannelLine;

    public ImportSession(
        SqliteConnection connection,
        SqliteTransaction transaction,
        CsvReader reader,
        ImportOptions options,
        string countTable,
        int[] fields,
        string[] headers)
    {
        Connection = connection;
        Transaction = transaction;
        Reader = reader;
        Options = options;
        _countTable = countTable;
        _fields = fields;
        _headers = headers;
        _shopKeys = LoadKeys("SELECT alias_key, shop_id FROM shop_alias");
        _channelKeys = LoadKeys("SELECT alias_key, channel_id FROM channel_alias");
        _knownChannels = LoadKnownChannels();
    }

    public SqliteConnection Connection { get; }

    public SqliteTransaction Transaction { get; }

    public CsvReader Reader { get; }

    public ImportOptions Options { get; }

    public List<ImportIssue> Errors { get; } = [];

    public List<ImportIssue> Warnings { get; } = [];

    public long WarningCount { get; private set; }

    public List<string> RegisteredShops { get; } = [];

    public List<string> RegisteredChannels { get; } = [];

    /// <summary>Rows are written only while the file has no error; after the first one the rest is only checked.</summary>
    public bool Writing => Errors.Count == 0;

    public bool ErrorLimitReached => Errors.Count >= CsvImporter.MaxIssues;

    public SqliteCommand Command(string sql) => Connection.Command(sql, Transaction);

    /// <summary>Records an error on the current line (only the first per line); always returns false.</summary>
    public bool Error(int column, string message) => Error(column < 0 ? null : _headers[column], message);

    public bool Error(string? column, string message)
    {
        if (_errorLine == Reader.Line || Errors.Count >= CsvImporter.MaxIssues)
        {
            return false;
        }

        _errorLine = Reader.Line;
        Errors.Add(new ImportIssue(Reader.Line, column, message));
        return false;
    }

    public void Warning(int column, string message)
    {
        WarningCount++;
        if (Warnings.Count < CsvImporter.MaxIssues)
        {
            Warnings.Add(new ImportIssue(Reader.Line, column < 0 ? null : _headers[column], message));
        }
    }

    public string Header(int column) => _headers[column];

    public bool Has(int column) => _fields[column] >= 0;

    private ReadOnlySpan<byte> Field(int column) => _fields[column] < 0 ? default : Reader.Field(_fields[column]);

    public bool IsEmpty(int column) => Field(column).IsEmpty;

    public bool Count(int column, out long value) =>
        FieldParser.TryParseCount(Field(column), out value, out var error) || Error(column, error!);

    public bool Cents(int column, out long value) =>
        FieldParser.TryParseCents(Field(column), out value, out var error) || Error(column, error!);

    public bool OptionalCents(int column, out long? value)
    {
        value = null;
        if (IsEmpty(column))
        {
            return true;
        }

        if (!Cents(column, out var cents))
        {
            return false;
        }

        value = cents;
        return true;
    }

    public bool Decimal(int column, out decimal value, out bool percent) =>
        FieldParser.TryParseDecimal(Field(column), out value, out percent, out var error) || Error(column, error!);

    public bool Date(int column, out int day)
    {
        // Files are usually sorted by date: the same bytes as the last good date need no parsing.
        var bytes = Field(column);
        if (_dateCache.TryGet(bytes, out day))
        {
            return true;
        }

        if (!FieldParser.TryParseDate(bytes, out day, out var error))
        {
            return Error(column, error!);
        }

        _dateCache.Add(bytes, day);
        return true;
    }

    /// <summary>The day a daily row is about: a <see cref="Date"/> that also widens <see cref="FirstDay"/>..<see cref="LastDay"/>.</summary>
    public bool RowDay(int column, out int day)
    {
        if (!Date(column, out day))
        {
            return false;
        }

        FirstDay = FirstDay is { } first && first <= day ? first : day;
        LastDay = LastDay is { } last && last >= day ? last : day;
        return true;
    }

    /// <summary>The earliest and latest day of the daily rows read (day numbers since 1970-01-01), null for other kinds.</summary>
    public int? FirstDay { get; private set; }

    public int? LastDay { get; private set; }

    public bool OptionalDate(int column, out int? day)
    {
        day = null;
        if (IsEmpty(column))
        {
            return true;
        }

        if (!Date(column, out var value))
        {
            return false;
        }

        day = value;
        return true;
    }

    /// <summary>A required, non-empty text value, pooled so repeated values (SKU codes, names) are one string.</summary>
    public bool Text(int column, out string value)
    {
        value = OptionalText(column) ?? string.Empty;
        return value.Length > 0 || Error(column, "the value is empty");
    }

    public string? OptionalText(int column)
    {
        var bytes = Field(column);
        if (bytes.IsEmpty)
        {
            return null;
        }

        if (bytes.Length > MaxStackChars)
        {
            return Reader.GetString(_fields[column]);
        }

        Span<char> chars = stackalloc char[MaxStackChars];
        Reader.TryGetChars(_fields[column], chars, out var written);
        var lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(chars[..written], out var pooled))
        {
            pooled = new string(chars[..written]);
            _strings[pooled] = pooled;
        }

        return pooled;
    }

    /// <summary>Resolves a shop by code, name or alias; an unknown shop is registered (shops are the user's own).</summary>
    public bool Shop(int column, out int shopId)
    {
        if (_shopCache.TryGet(Field(column), out shopId))
        {
            return true;
        }

        if (!Text(column, out var text))
        {
            return false;
        }

        if (_shopByText.TryGetValue(text, out shopId))
        {
            return true;
        }

        if (!_shopKeys.TryGetValue(RegistryKey.Normalize(text), out shopId))
        {
            shopId = RegisterShop(text);
        }

        _shopByText[text] = shopId;
        if (Writing && !_countBefore.ContainsKey(shopId))
        {
            _countBefore[shopId] = CountRows(shopId);
        }

        // Cached only once counted: a shop first met after an error is never written anyway.
        _shopCache.Add(Field(column), shopId);
        return true;
    }

    /// <summary>Resolves a channel by code, English or Chinese name or alias; unknown → error unless registering is allowed.</summary>
    public bool Channel(int column, out int channelId)
    {
        if (_channelCache.TryGet(Field(column), out channelId))
        {
            return true;
        }

        if (!Text(column, out var text))
        {
            return false;
        }

        if (_channelByText.TryGetValue(text, out channelId))
        {
            _channelCache.Add(Field(column), channelId);
            return true;
        }

        if (!_channelKeys.TryGetValue(RegistryKey.Normalize(text), out channelId))
        {
            if (!Options.RegisterUnknownChannels)
            {
                if (_firstUnknownChannelLine == 0)
                {
                    _firstUnknownChannelLine = Reader.Line;
                    return Error(column, $"unknown channel '{text}'; known channels: {string.Join(", ", _knownChannels)} (or import with --register-channels to add it)");
                }

                return Error(column, string.Create(CultureInfo.InvariantCulture, $"unknown channel '{text}' (known channels are listed at line {_firstUnknownChannelLine})"));
            }

            channelId = RegisterChannel(text);
        }

        _channelByText[text] = channelId;
        _channelCache.Add(Field(column), channelId);
        return true;
    }

    /// <summary>Rows the import added, from per-shop row counts before the shop's first row and now.</summary>
    public long CountInserted()
    {
        long inserted = 0;
        foreach (var (shopId, before) in _countBefore)
        {
            inserted += CountRows(shopId) - before;
        }

        return inserted;
    }

    private long CountRows(int shopId)
    {
        using var command = Command($"SELECT COUNT(*) FROM {_countTable} WHERE shop = $shop");
        command.Parameters.AddWithValue("$shop", shopId);
        return (long)command.ExecuteScalar()!;
    }

    private int RegisterShop(string text)
    {
        var code = string.Join('-', text.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        using var insert = Command("INSERT INTO shop (code, name) VALUES ($code, $name) RETURNING id");
        insert.Parameters.AddWithValue("$code", code);
        insert.Parameters.AddWithValue("$name", text.Trim());
        var id = (int)(long)insert.ExecuteScalar()!;
        AddAliases("shop_alias", "shop_id", id, _shopKeys, code, text.Trim());
        RegisteredShops.Add(text.Trim());
        return id;
    }

    private int RegisterChannel(string text)
    {
        var name = text.Trim();
        var code = string.Join('_', name.ToLowerInvariant().Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries));
        var chinese = name.Any(c => c > 0x2E80) ? name : string.Empty;
        using var insert = Command("""
            INSERT INTO channel (code, name, chinese_name, sort_order)
            VALUES ($code, $name, $chinese, (SELECT COALESCE(MAX(sort_order), 0) + 10 FROM channel))
            RETURNING id
            """);
        insert.Parameters.AddWithValue("$code", code);
        insert.Parameters.AddWithValue("$name", name);
        insert.Parameters.AddWithValue("$chinese", chinese);
        var id = (int)(long)insert.ExecuteScalar()!;
        AddAliases("channel_alias", "channel_id", id, _channelKeys, code, name);
        RegisteredChannels.Add(code);
        _knownChannels.Add(code);
        return id;
    }

    private void AddAliases(string table, string idColumn, int id, Dictionary<string, int> keys, params string[] aliases)
    {
        foreach (var alias in aliases)
        {
            var key = RegistryKey.Normalize(alias);
            if (key.Length == 0 || !keys.TryAdd(key, id))
            {
                continue;
            }

            using var insert = Command($"INSERT OR IGNORE INTO {table} (alias_key, {idColumn}, alias) VALUES ($key, $id, $alias)");
            insert.Parameters.AddWithValue("$key", key);
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$alias", alias);
            insert.ExecuteNonQuery();
        }
    }

    private Dictionary<string, int> LoadKeys(string sql)
    {
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        using var command = Command(sql);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            keys[reader.GetString(0)] = reader.GetInt32(1);
        }

        return keys;
    }

    private List<string> LoadKnownChannels()
    {
        var known = new List<string>();
        using var command = Command("SELECT code, chinese_name FROM channel ORDER BY sort_order, id");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var chinese = reader.GetString(1);
            known.Add(chinese.Length > 0 ? $"{reader.GetString(0)} ({chinese})" : reader.GetString(0));
        }

        return known;
    }
}

/// <summary>The last few raw field values and what they resolved to: key columns repeat row after row.</summary>
internal sealed class RawCache(int capacity)
{
    private readonly byte[][] _keys = new byte[capacity][];
    private readonly int[] _values = new int[capacity];
    private int _count;
    private int _next;

    public bool TryGet(ReadOnlySpan<byte> raw, out int value)
    {
        for (var i = 0; i < _count; i++)
        {
            if (raw.SequenceEqual(_keys[i]))
            {
                value = _values[i];
                return true;
            }
        }

        value = 0;
        return false;
    }

    public void Add(ReadOnlySpan<byte> raw, int value)
    {
        if (raw.Length > 64)
        {
            return;
        }

        _keys[_next] = raw.ToArray();
        _values[_next] = value;
        _next = (_next + 1) % _keys.Length;
        _count = Math.Min(_count + 1, _keys.Length);
    }
}
