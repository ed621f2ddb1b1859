using Bot.Storage.Tests.Support;

namespace Bot.Storage.Tests.Registry;

/// <summary>Naming a shop on the real file: the name and new aliases are written together, names of other shops are not taken.</summary>
public sealed class ShopNamingTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public ShopNamingTests()
    {
        _db.Registry.UpsertShopAsync("tmall-flagship", "Tmall flagship", ["天猫"], CancellationToken.None).GetAwaiter().GetResult();
        _db.Registry.UpsertShopAsync("jd-outlet", "jd-outlet", [], CancellationToken.None).GetAwaiter().GetResult();
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task The_name_and_new_aliases_are_written_and_an_alias_of_another_shop_is_left_out()
    {
        var taken = await _db.Registry.NameShopAsync("jd-outlet", "京东奥莱", ["JD", "天猫"], CancellationToken.None);

        Assert.Equal([("天猫", "tmall-flagship")], taken);
        var jd = (await _db.Store.ListShopsAsync(CancellationToken.None)).Single(s => s.Code == "jd-outlet");
        Assert.Equal("京东奥莱", jd.Name);
        Assert.Contains("JD", jd.Aliases);
        Assert.DoesNotContain("天猫", jd.Aliases);
    }

    [Fact]
    public async Task A_name_that_is_another_shops_changes_nothing()
    {
        var taken = await _db.Registry.NameShopAsync("jd-outlet", "Tmall flagship", ["JD"], CancellationToken.None);

        Assert.Equal([("Tmall flagship", "tmall-flagship")], taken);
        var jd = (await _db.Store.ListShopsAsync(CancellationToken.None)).Single(s => s.Code == "jd-outlet");
        Assert.Equal("jd-outlet", jd.Name);
        Assert.DoesNotContain("JD", jd.Aliases);
    }

    [Fact]
    public async Task An_unknown_code_is_an_error_not_a_new_shop()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _db.Registry.NameShopAsync("nowhere", "X", [], CancellationToken.None));

        Assert.DoesNotContain(await _db.Store.ListShopsAsync(CancellationToken.None), s => s.Code == "nowhere");
    }
}
