using System.Net;
using System.Text.RegularExpressions;

namespace Bot.Channel.Protocol;

/// <summary>Turns Teams message text into what the user meant: bot mention removed, other mentions unwrapped, HTML decoded.</summary>
public static partial class MentionText
{
    public static string Clean(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text ?? string.Empty;
        var botId = activity.Recipient?.Id;

        // The SDK's RemoveRecipientMention: remove each mention entity of the bot by its exact text.
        foreach (var mention in activity.Entities?.Where(e => e.Type == "mention") ?? [])
        {
            if (botId is null || !string.Equals(mention.Mentioned?.Id, botId, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var mentionText = mention.Text ?? $"<at>{mention.Mentioned?.Name}</at>";
            text = Regex.Replace(text, Regex.Escape(mentionText), " ", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        }

        // Other mentions (people) keep their names; Teams can send "<at>Tom</at>is", so keep a space.
        text = AtTag().Replace(text, m => m.Groups[1].Value + " ");
        text = WebUtility.HtmlDecode(text);
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex("<at[^>]*>(.*?)</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AtTag();

    [GeneratedRegex(@"\s+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Whitespace();
}
