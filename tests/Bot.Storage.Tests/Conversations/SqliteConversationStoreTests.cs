using Bot.Core.Conversations;
using Bot.Core.Messaging;
using Bot.Storage.Conversations;
using Bot.Storage.Tests.Support;

namespace Bot.Storage.Tests.Conversations;

public sealed class SqliteConversationStoreTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly SqliteConversationStore _store;
    private readonly CancellationToken _ct = CancellationToken.None;

    public SqliteConversationStoreTests() => _store = new SqliteConversationStore(_db.Database, TimeProvider.System);

    public void Dispose() => _db.Dispose();

    private static ConversationRecord Record(string url = "https://smba.trafficmanager.net/emea/", bool verified = true) =>
        new("msteams", "19:abc@thread.tacv2", "channel", "tenant-1", url, verified, "28:bot", "OpsBot", "29:user", "zh-CN");

    [Fact]
    public async Task Settings_RoundTrip_AndDefaultToEmpty()
    {
        var key = new ConversationKey("msteams", "19:abc@thread.tacv2", "channel");

        Assert.Equal(ConversationSettings.Empty, await _store.GetAsync(key, _ct));
        await _store.SaveAsync(key, new ConversationSettings("tmall-flagship"), _ct);
        await _store.SaveAsync(key with { ChannelId = "console" }, new ConversationSettings("douyin-store"), _ct);

        Assert.Equal(new ConversationSettings("tmall-flagship"), await _store.GetAsync(key, _ct));
        Assert.Equal(new ConversationSettings("douyin-store"), await _store.GetAsync(key with { ChannelId = "console" }, _ct));
    }

    [Fact]
    public async Task RecordSeen_ThenFind_RoundTripsEveryField()
    {
        await _store.RecordSeenAsync(Record(), _ct);

        Assert.Equal(Record(), await _store.FindAsync("msteams", "19:abc@thread.tacv2", _ct));
        Assert.Null(await _store.FindAsync("msteams", "other", _ct));
    }

    [Fact]
    public async Task RecordSeen_Again_RefreshesServiceUrlAndKeepsKnownFields()
    {
        await _store.RecordSeenAsync(Record(), _ct);

        await _store.RecordSeenAsync(Record("https://smba.trafficmanager.net/amer/") with { Locale = null, BotName = null }, _ct);

        var found = await _store.FindAsync("msteams", "19:abc@thread.tacv2", _ct);
        Assert.Equal(Record("https://smba.trafficmanager.net/amer/"), found);
    }

    [Fact]
    public async Task RecordSeen_Unverified_DoesNotReplaceAVerifiedServiceUrl()
    {
        await _store.RecordSeenAsync(Record(), _ct);

        await _store.RecordSeenAsync(Record("https://evil.example/", verified: false), _ct);

        var found = await _store.FindAsync("msteams", "19:abc@thread.tacv2", _ct);
        Assert.Equal(("https://smba.trafficmanager.net/emea/", true), (found!.ServiceUrl, found.ServiceUrlVerified));
    }

    [Fact]
    public async Task MarkInactive_HidesTheReferenceUntilItIsSeenAgain()
    {
        await _store.RecordSeenAsync(Record(), _ct);

        await _store.MarkInactiveAsync("msteams", "19:abc@thread.tacv2", "app uninstalled", _ct);

        Assert.Null(await _store.FindAsync("msteams", "19:abc@thread.tacv2", _ct));
        var entry = await _store.GetEntryAsync("msteams", "19:abc@thread.tacv2", _ct);
        Assert.Equal((false, "app uninstalled"), (entry!.Active, entry.InactiveReason));
        Assert.Empty(await _store.ListAsync(includeInactive: false, _ct));
        Assert.Single(await _store.ListAsync(includeInactive: true, _ct));

        await _store.RecordSeenAsync(Record(), _ct);

        Assert.NotNull(await _store.FindAsync("msteams", "19:abc@thread.tacv2", _ct));
        Assert.Equal((true, (string?)null), ((await _store.GetEntryAsync("msteams", "19:abc@thread.tacv2", _ct))!.Active, (await _store.GetEntryAsync("msteams", "19:abc@thread.tacv2", _ct))!.InactiveReason));
    }

    [Fact]
    public async Task MarkInactive_UnknownConversation_DoesNothing()
    {
        await _store.MarkInactiveAsync("msteams", "nobody", "gone", _ct);

        Assert.Empty(await _store.ListAsync(includeInactive: true, _ct));
    }
}
