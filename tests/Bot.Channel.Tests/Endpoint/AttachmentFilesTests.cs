using System.Text;
using Bot.Channel.Endpoint;
using Bot.Channel.Protocol;
using Bot.Channel.Tests.Fakes;
using Bot.Core.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Channel.Tests.Endpoint;

/// <summary>Files users attach: which attachments are files, and fetching them from a real HTTP file host on loopback.</summary>
public sealed class AttachmentFilesTests : IAsyncLifetime
{
    private FakeConnector _host = null!;
    private ServiceProvider _services = null!;
    private AttachmentDownloader _downloader = null!;

    public async Task InitializeAsync()
    {
        _host = await FakeConnector.StartAsync();
        // Local mode (no App ID), as the tests' file host is on loopback; the policy for a configured bot is tested on its own.
        _services = new ServiceCollection()
            .AddLogging()
            .AddAttachmentDownloads(new ConfigurationBuilder().Build())
            .BuildServiceProvider();
        _downloader = (AttachmentDownloader)_services.GetRequiredService<IAttachmentReader>();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public void A_Teams_file_is_taken_from_its_download_info_and_the_html_copy_and_cards_are_not_files()
    {
        // As Teams sends a file in a 1:1 chat (msteams-docs "send and receive files"), next to the text/html copy of the text.
        var activity = ProtocolJson.ReadActivity("""
            {"type":"message","channelId":"msteams","conversation":{"id":"a:1","conversationType":"personal"},"text":"",
             "attachments":[
              {"contentType":"application/vnd.microsoft.teams.file.download.info","contentUrl":"https://contoso.sharepoint.com/personal/ivy/Documents/channel-daily.csv",
               "name":"channel-daily.csv","content":{"downloadUrl":"https://contoso.sharepoint.com/download.aspx?tempauth=abc","uniqueId":"1150D938","fileType":"csv"}},
              {"contentType":"text/html","content":"<div></div>"},
              {"contentType":"application/vnd.microsoft.card.adaptive","content":{"type":"AdaptiveCard"}}]}
            """u8)!;

        var file = Assert.Single(AttachmentFiles.From(activity));

        Assert.Equal("channel-daily.csv", file.Name);
        Assert.Equal(new Uri("https://contoso.sharepoint.com/download.aspx?tempauth=abc"), file.Url);
        Assert.True(file.IsCsv);
    }

    [Fact]
    public void Another_channels_file_is_taken_from_its_content_url()
    {
        var activity = ProtocolJson.ReadActivity("""
            {"type":"message","channelId":"emulator","conversation":{"id":"c1"},
             "attachments":[{"contentType":"application/vnd.ms-excel","contentUrl":"http://localhost:5000/files/goals.csv","name":"goals.csv"}]}
            """u8)!;

        var file = Assert.Single(AttachmentFiles.From(activity));

        Assert.Equal("goals.csv", file.Name);
        Assert.True(file.IsCsv);
        Assert.Equal("application/vnd.ms-excel", file.FileType);
    }

    [Fact]
    public async Task A_file_is_downloaded_whole_and_without_the_bots_token()
    {
        var content = "date,shop\n" + string.Concat(Enumerable.Repeat("2026-06-01,tmall\n", 10_000));
        var url = _host.ServeFile("/files/big.csv", Encoding.UTF8.GetBytes(content));

        await using var stream = await _downloader.OpenAsync(new IncomingFile("big.csv", url, "csv"), 1_000_000, CancellationToken.None);

        using var reader = new StreamReader(stream);
        Assert.Equal(content, await reader.ReadToEndAsync());
        var request = Assert.Single(_host.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task A_file_larger_than_the_limit_is_refused_with_the_limit()
    {
        var url = _host.ServeFile("/files/huge.csv", new byte[3 * 1024 * 1024]);

        var ex = await Assert.ThrowsAsync<AttachmentUnavailableException>(
            () => _downloader.OpenAsync(new IncomingFile("huge.csv", url, "csv"), 2 * 1024 * 1024, CancellationToken.None));

        Assert.Contains("larger than 2 MB", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_link_asks_for_the_file_again()
    {
        _host.Script(new ScriptedResponse(403));

        var ex = await Assert.ThrowsAsync<AttachmentUnavailableException>(
            () => _downloader.OpenAsync(new IncomingFile("old.csv", new Uri(_host.ServiceUrl + "files/old.csv"), "csv"), 1000, CancellationToken.None));

        Assert.Contains("expired", ex.Message, StringComparison.Ordinal);
        Assert.Contains("send the file again", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://files.example.com/data.csv")]
    [InlineData("https://files.example.com/data.csv")]
    [InlineData("ftp://127.0.0.1/data.csv")]
    [InlineData("file:///etc/passwd")]
    public async Task Links_to_other_hosts_are_not_followed(string link)
    {
        var ex = await Assert.ThrowsAsync<AttachmentUnavailableException>(
            () => _downloader.OpenAsync(new IncomingFile("data.csv", new Uri(link), "csv"), 1000, CancellationToken.None));

        Assert.Contains("SharePoint/OneDrive", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Attachments:AllowedHosts", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_host.Requests);
    }

    [Fact]
    public async Task A_redirect_is_followed_when_it_stays_on_an_allowed_host()
    {
        var target = _host.ServeFile("/files/real.csv", "a,b\n1,2\n"u8.ToArray());
        _host.Script(new ScriptedResponse(302, Location: target.AbsolutePath));

        await using var stream = await _downloader.OpenAsync(new IncomingFile("x.csv", new Uri(_host.ServiceUrl + "download.aspx?tempauth=1"), "csv"), 1000, CancellationToken.None);

        Assert.Equal("a,b\n1,2\n", await new StreamReader(stream).ReadToEndAsync());
        Assert.Equal(["/download.aspx?tempauth=1", "/files/real.csv"], _host.Requests.Select(r => r.RawTarget));
    }

    [Fact]
    public async Task A_redirect_off_the_allowed_hosts_is_refused_before_it_is_followed()
    {
        _host.Script(new ScriptedResponse(302, Location: "https://intranet.example/admin/export.csv"));

        var ex = await Assert.ThrowsAsync<AttachmentUnavailableException>(
            () => _downloader.OpenAsync(new IncomingFile("x.csv", new Uri(_host.ServiceUrl + "download.aspx"), "csv"), 1000, CancellationToken.None));

        Assert.Contains("https://intranet.example", ex.Message, StringComparison.Ordinal);
        Assert.Single(_host.Requests);
    }

    [Theory]
    [InlineData("https://contoso.sharepoint.com/sites/ops/download.aspx?tempauth=x", false, true)]
    [InlineData("https://contoso-my.sharepoint.cn/personal/li/download.aspx", false, true)]
    [InlineData("http://contoso.sharepoint.com/download.aspx", false, false)]
    [InlineData("https://sharepoint.com.attacker.example/download.aspx", false, false)]
    [InlineData("https://evilsharepoint.com/download.aspx", false, false)]
    [InlineData("https://10.0.0.5/export.csv", false, false)]
    [InlineData("http://127.0.0.1:3979/data.csv", false, false)]
    [InlineData("http://127.0.0.1:3979/data.csv", true, true)]
    [InlineData("https://[::1]/data.csv", true, true)]
    [InlineData("http://localhost:5000/files/a.csv", true, true)]
    public void The_host_policy(string link, bool localMode, bool allowed) =>
        Assert.Equal(allowed, AttachmentDownloader.IsAllowed(new Uri(link), new AttachmentOptions().AllowedHosts, localMode));
}
