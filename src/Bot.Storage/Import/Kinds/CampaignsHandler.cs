using System.Globalization;
using Bot.Storage.Sqlite;

namespace Bot.Storage.Import.Kinds;

/// <summary><c>campaigns</c>: name, aliases (separated by |), shop, start, end, optional warm-up start and GMV target.</summary>
internal sealed class CampaignsHandler : KindHandler
{
    private const int Name = 0;
    private const int Aliases = 1;
    private const int Shop = 2;
    private const int Start = 3;
    private const int End = 4;
    private const int WarmupStart = 5;
    private const int TargetGmv = 6;

    private readonly Dictionary<(int Shop, string Name, int Start), long> _keys = [];
    private readonly BulkStatement _upsert;
    private readonly BulkStatement _deleteAliases;
    private readonly BulkStatement _insertAlias;

    public CampaignsHandler(ImportSession session)
        : base(session)
    {
        _upsert = Prepared(
            """
            INSERT INTO campaign (shop, name, start_day, end_day, warmup_start_day, target_gmv_cents)
            VALUES ($shop, $name, $start, $end, $warmup, $target)
            ON CONFLICT (shop, name, start_day) DO UPDATE SET
                name = excluded.name, end_day = excluded.end_day, warmup_start_day = excluded.warmup_start_day,
                target_gmv_cents = excluded.target_gmv_cents
            RETURNING id
            """,
            "$shop", "$name", "$start", "$end", "$warmup", "$target");
        _deleteAliases = Prepared("DELETE FROM campaign_alias WHERE campaign_id = $id", "$id");
        _insertAlias = Prepared(
            "INSERT OR IGNORE INTO campaign_alias (campaign_id, alias) VALUES ($id, $alias)",
            "$id",
            "$alias");
    }

    public override void Row()
    {
        var s = Session;
        if (!(s.Text(Name, out var name) && s.Shop(Shop, out var shop) && s.Date(Start, out var start) && s.Date(End, out var end)
            && s.OptionalDate(WarmupStart, out var warmup) && s.OptionalCents(TargetGmv, out var target)))
        {
            return;
        }

        if (end < start)
        {
            s.Error(End, "the end is before the start");
            return;
        }

        if (warmup > start)
        {
            s.Error(WarmupStart, "the warm-up starts after the campaign");
            return;
        }

        var aliases = (s.OptionalText(Aliases) ?? string.Empty)
            .Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        var key = (shop, name.ToLowerInvariant(), start);
        if (!_keys.TryAdd(key, s.Reader.Line))
        {
            s.Error(Name, string.Create(
                CultureInfo.InvariantCulture,
                $"duplicate key (shop, name, start): the same campaign is on line {_keys[key]}"));
            return;
        }

        if (!s.Writing)
        {
            return;
        }

        _upsert.Set(0, shop);
        _upsert.Set(1, name);
        _upsert.Set(2, start);
        _upsert.Set(3, end);
        _upsert.Set(4, warmup);
        _upsert.Set(5, target);
        var id = _upsert.ExecuteReturning();
        _deleteAliases.Set(0, id);
        _deleteAliases.Execute();
        foreach (var alias in aliases)
        {
            _insertAlias.Set(0, id);
            _insertAlias.Set(1, alias);
            _insertAlias.Execute();
        }
    }
}
