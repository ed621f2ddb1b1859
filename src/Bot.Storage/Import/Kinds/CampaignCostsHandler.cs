using System.Globalization;
using Bot.Storage.Sqlite;

namespace Bot.Storage.Import.Kinds;

/// <summary><c>campaign-costs</c>: fixed costs per campaign × channel (KOL fees …) on top of the daily ad cost.</summary>
/// <remarks>
/// The campaign is named by its name (or an alias) within the shop. A name that recurs every year
/// ("618") is ambiguous; then the value must carry the start date: <c>618@2026-06-01</c>. Export writes
/// that form whenever a name is not unique within its shop.
/// </remarks>
internal sealed class CampaignCostsHandler : KindHandler
{
    private const int Campaign = 0;
    private const int Shop = 1;
    private const int Channel = 2;
    private const int Cost = 3;
    private const int Note = 4;

    private readonly Dictionary<(int Shop, string Name), List<(long Id, int Start)>> _byName = [];
    private readonly Dictionary<(int Shop, string Alias), List<(long Id, int Start)>> _byAlias = [];
    private readonly Dictionary<(int Shop, long Campaign, int Channel, string Note), long> _keys = [];
    private readonly BulkStatement _upsert;

    public CampaignCostsHandler(ImportSession session)
        : base(session)
    {
        Load("SELECT shop, name, id, start_day FROM campaign", _byName);
        Load("SELECT c.shop, a.alias, c.id, c.start_day FROM campaign_alias a JOIN campaign c ON c.id = a.campaign_id", _byAlias);
        _upsert = Prepared(
            """
            INSERT INTO campaign_cost (shop, campaign_id, channel, note, cost_cents) VALUES ($shop, $campaign, $channel, $note, $cost)
            ON CONFLICT (shop, campaign_id, channel, note) DO UPDATE SET cost_cents = excluded.cost_cents
            """,
            "$shop", "$campaign", "$channel", "$note", "$cost");
    }

    public override void Row()
    {
        var s = Session;
        if (!(s.Text(Campaign, out var campaignText) && s.Shop(Shop, out var shop) && s.Channel(Channel, out var channel)
            && s.Cents(Cost, out var cost) && ResolveCampaign(shop, campaignText, out var campaign)))
        {
            return;
        }

        var note = s.OptionalText(Note) ?? string.Empty;
        var key = (shop, campaign, channel, note);
        if (!_keys.TryAdd(key, s.Reader.Line))
        {
            s.Error(Campaign, string.Create(
                CultureInfo.InvariantCulture,
                $"duplicate key (shop, campaign, channel, note): the same cost is on line {_keys[key]}"));
            return;
        }

        if (!s.Writing)
        {
            return;
        }

        _upsert.Set(0, shop);
        _upsert.Set(1, campaign);
        _upsert.Set(2, channel);
        _upsert.Set(3, note);
        _upsert.Set(4, cost);
        _upsert.Execute();
    }

    private bool ResolveCampaign(int shop, string text, out long campaign)
    {
        campaign = 0;
        var name = text;
        int? start = null;
        var at = text.LastIndexOf('@');
        if (at > 0 && FieldParser.TryParseDate(System.Text.Encoding.UTF8.GetBytes(text[(at + 1)..]), out var day, out _))
        {
            name = text[..at].Trim();
            start = day;
        }

        var key = (shop, name.ToLowerInvariant());
        var matches = _byName.TryGetValue(key, out var byName) ? byName : _byAlias.GetValueOrDefault(key) ?? [];
        if (start is { } wanted)
        {
            matches = matches.Where(m => m.Start == wanted).ToList();
        }

        if (matches.Count == 1)
        {
            campaign = matches[0].Id;
            return true;
        }

        if (matches.Count == 0)
        {
            return Session.Error(Campaign, $"unknown campaign '{text}' for this shop; import it with the campaigns kind first");
        }

        var starts = string.Join(", ", matches.OrderBy(m => m.Start).Select(m => $"{name}@{Days.Format(m.Start)}"));
        return Session.Error(Campaign, $"campaign '{text}' is ambiguous for this shop; write one of: {starts}");
    }

    private void Load(string sql, Dictionary<(int, string), List<(long, int)>> into)
    {
        using var command = Session.Command(sql);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = (reader.GetInt32(0), reader.GetString(1).ToLowerInvariant());
            if (!into.TryGetValue(key, out var list))
            {
                into[key] = list = [];
            }

            list.Add((reader.GetInt64(2), reader.GetInt32(3)));
        }
    }
}
