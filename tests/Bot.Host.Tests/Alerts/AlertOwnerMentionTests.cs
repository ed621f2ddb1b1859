using System.Text.Json.Nodes;
using Bot.Core.Alerts;
using Bot.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Tests.Alerts;

/// <summary>"owner @Ana" with a real Teams mention: the owner is that user (by id), not a name.</summary>
public sealed class AlertOwnerMentionTests(AlertHostFactory host) : IClassFixture<AlertHostFactory>
{
    [Fact]
    public async Task Alert_OwnerMentioned_StoresTheMentionedUsersId()
    {
        var client = host.CreateClient();
        var activity = TeamsActivity.Load("message-personal.json", host.Connector.ServiceUrl)
            .Set("id", Guid.NewGuid().ToString("N"))
            .Set("text", "alert refund rate above 8% owner <at>Ana Ops</at>")
            .Set("entities", new JsonArray
            {
                new JsonObject { ["type"] = "mention", ["text"] = "<at>Ana Ops</at>", ["mentioned"] = new JsonObject { ["id"] = "29:ana-ops", ["name"] = "Ana Ops" } },
            });

        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), activity.ToContent());
        response.EnsureSuccessStatusCode();
        await host.SentAsync(r => r.IsFor(activity.ConversationId));

        var rules = await host.Services.GetRequiredService<IAlertStore>().ListRulesAsync(CancellationToken.None);
        var rule = Assert.Single(rules, r => r.Owner.Name == "Ana Ops");
        Assert.Equal("29:ana-ops", rule.Owner.Id);
    }
}
