using System.Text.Json.Nodes;
using Bot.Core.Commands;
using Bot.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Tests.Commands;

/// <summary>The command menu Teams shows (manifests/manifest.json, commandLists) offers only commands the bot has, and its examples reach them.</summary>
public sealed class TeamsMenuTests(BotHostFactory host) : IClassFixture<BotHostFactory>
{
    public static TheoryData<string, string, string> MenuEntries()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "teams-manifest.json")))!;
        var data = new TheoryData<string, string, string>();
        foreach (var list in manifest["bots"]![0]!["commandLists"]!.AsArray())
        {
            foreach (var command in list!["commands"]!.AsArray())
            {
                data.Add((string)list["scopes"]![0]!, (string)command!["title"]!, (string)command["description"]!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MenuEntries))]
    public void MenuEntry_IsACommandName_AndItsExamplesReachThatCommand(string scope, string title, string description)
    {
        var registry = host.Services.GetRequiredService<CommandRegistry>();
        var matcher = host.Services.GetRequiredService<CommandMatcher>();

        Assert.True(registry.Names.TryGetValue(TextNormalizer.Normalize(title), out var command), $"{scope}: '{title}' is no command name");
        var examples = description[(description.IndexOf("e.g. ", StringComparison.Ordinal) + 5)..].Split(" / ");
        Assert.All(examples, example =>
        {
            var match = Assert.IsType<MatchedCommand>(matcher.Match(TextNormalizer.Normalize(example)));
            Assert.Same(command, match.Handler);
        });
    }
}
