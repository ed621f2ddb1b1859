namespace Bot.Core.Commands;

/// <summary>How a message matched the catalogue.</summary>
public abstract record CommandMatch;

public sealed record MatchedCommand(ICommandHandler Handler, string Args) : CommandMatch;

/// <summary>Several commands fit equally well; ask which one.</summary>
public sealed record AmbiguousCommand(IReadOnlyList<ICommandHandler> Options) : CommandMatch;

/// <summary>Nothing matched; <see cref="Suggestion"/> is a corrected phrase when a typo looks likely.</summary>
public sealed record UnknownCommand(string FirstWord, string? Suggestion) : CommandMatch;

/// <summary>Finds the command in free text: verbs in any position, longest name first, English or Chinese.</summary>
/// <remarks>
/// "show me the funnel for last week please" and "上周 漏斗" both find <c>funnel</c>; the rest of the text is
/// left as arguments for the handler, which ignores filler words. Pure and allocation-light: it runs per message.
/// </remarks>
public sealed class CommandMatcher
{
    // Whether a name has Chinese characters is fixed per name: worked out once here, not for every name on every message.
    private readonly (string Name, ICommandHandler Handler, bool HasCjk)[] _names;
    private readonly IReadOnlyCollection<string> _vocabulary;

    public CommandMatcher(CommandRegistry registry, IEnumerable<string> extraVocabulary)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _names = [.. registry.Names.Select(kv => (kv.Key, kv.Value, kv.Key.Any(TextNormalizer.IsCjk))).OrderByDescending(n => n.Key.Length)];
        _vocabulary = [.. extraVocabulary.Select(TextNormalizer.Normalize).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    // Grouping phrases name a dimension, not a command: "funnel by channel" / "漏斗 按渠道" must not look like "channels".
    private static readonly string[] GroupingPhrases = ["by channel", "per channel", "by channels", "by shop", "per shop", "by day", "按渠道", "分渠道", "各渠道", "按店铺", "按天"];

    public CommandMatch Match(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var masked = normalized;
        foreach (var phrase in GroupingPhrases)
        {
            var at = FindPhrase(masked, phrase);
            if (at >= 0)
            {
                masked = masked[..at] + new string('\u0001', phrase.Length) + masked[(at + phrase.Length)..];
            }
        }

        var hits = new List<(int Start, int Length, ICommandHandler Handler)>();
        foreach (var (name, handler, hasCjk) in _names)
        {
            var (at, length) = FindName(masked, name, hasCjk);
            if (at < 0 || hits.Any(h => h.Handler == handler || Overlaps(h.Start, h.Length, at, length)))
            {
                continue;
            }

            hits.Add((at, length, handler));
        }

        if (hits.Count == 0)
        {
            return Unknown(normalized);
        }

        // A verb written first wins ("why traffic down" is a why). Two commands named mid-sentence are a question.
        var first = hits.OrderBy(h => h.Start).ThenByDescending(h => h.Length).First();
        if (first.Start > 0 && hits.Count > 1)
        {
            return new AmbiguousCommand([.. hits.OrderBy(h => h.Start).Select(h => h.Handler)]);
        }

        var args = (normalized[..first.Start] + " " + normalized[(first.Start + first.Length)..]).Trim();
        return new MatchedCommand(first.Handler, TextNormalizer.Normalize(args));
    }

    private CommandMatch Unknown(string normalized)
    {
        var tokens = TextNormalizer.Tokens(normalized);
        var first = tokens.Count > 0 ? tokens[0] : normalized;

        // A word that is part of several multi-word verbs ("roi") is a question, not a typo.
        var partOf = _names.Where(n => n.Name.Contains(' ', StringComparison.Ordinal) && n.Name.Split(' ').Contains(first))
            .Select(n => n.Handler).Distinct().ToList();
        if (tokens.Count > 0 && partOf.Count > 1)
        {
            return new AmbiguousCommand(partOf);
        }

        string? suggestion = null;
        for (var take = Math.Min(2, tokens.Count); take >= 1 && suggestion is null; take--)
        {
            var head = string.Join(' ', tokens.Take(take));
            var close = Closest(head, _names.Select(n => n.Name));
            if (close is not null)
            {
                var rest = tokens.Skip(take).Select(t => Closest(t, _vocabulary) ?? t);
                suggestion = string.Join(' ', rest.Prepend(close));
            }
        }

        return new UnknownCommand(first, suggestion);
    }

    /// <summary>The closest known word within a small edit distance, or null.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        if (word.Length < 2)
        {
            return null;
        }

        var limit = word.Length <= 3 ? 1 : 2;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (candidate == word)
            {
                return candidate;
            }

            if (Math.Abs(candidate.Length - word.Length) > limit)
            {
                continue;
            }

            var d = EditDistance(word, candidate);
            if (d <= limit && d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        return best;
    }

    /// <summary>Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions).</summary>
    public static int EditDistance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>
    /// Position and length in <paramref name="text"/> of a command name. Between two Chinese characters a space is
    /// optional on either side — Chinese is written without spaces, yet people type "计划 提交" as often as "计划提交" —
    /// so a name matches however it is spaced there. Other names match as <see cref="FindPhrase"/> finds them.
    /// </summary>
    internal static (int Start, int Length) FindName(string text, string name) => FindName(text, name, name.Any(TextNormalizer.IsCjk));

    private static (int Start, int Length) FindName(string text, string name, bool hasCjk)
    {
        if (!hasCjk)
        {
            var at = FindPhrase(text, name);
            return (at, name.Length);
        }

        for (var start = text.IndexOf(name[0], StringComparison.Ordinal); start >= 0; start = start + 1 < text.Length ? text.IndexOf(name[0], start + 1) : -1)
        {
            var end = MatchSpacedLoosely(text, start, name);
            if (end < 0)
            {
                continue;
            }

            var startOk = start == 0 || !TextNormalizer.IsWordChar(text[start - 1]) || !TextNormalizer.IsWordChar(name[0]);
            var endOk = end == text.Length || !TextNormalizer.IsWordChar(text[end]) || !TextNormalizer.IsWordChar(name[^1]);
            if (startOk && endOk)
            {
                return (start, end - start);
            }
        }

        return (-1, 0);
    }

    /// <summary>Where <paramref name="name"/> ends when it starts at <paramref name="start"/>, spaces between Chinese characters optional; -1 when it does not.</summary>
    private static int MatchSpacedLoosely(string text, int start, string name)
    {
        int t = start, n = 0;
        while (n < name.Length)
        {
            if (t < text.Length && text[t] == name[n])
            {
                t++;
                n++;
            }
            else if (name[n] == ' ' && n > 0 && n + 1 < name.Length && TextNormalizer.IsCjk(name[n - 1]) && TextNormalizer.IsCjk(name[n + 1]))
            {
                n++;
            }
            else if (t < text.Length && text[t] == ' ' && n > 0 && TextNormalizer.IsCjk(name[n - 1]) && TextNormalizer.IsCjk(name[n]))
            {
                t++;
            }
            else
            {
                return -1;
            }
        }

        return t;
    }

    /// <summary>Position of a name as a whole phrase: Latin names need word boundaries, CJK names do not.</summary>
    internal static int FindPhrase(string text, string name)
    {
        var from = 0;
        while (from <= text.Length - name.Length)
        {
            var at = text.IndexOf(name, from, StringComparison.Ordinal);
            if (at < 0)
            {
                return -1;
            }

            var end = at + name.Length;
            var startOk = at == 0 || !TextNormalizer.IsWordChar(text[at - 1]) || !TextNormalizer.IsWordChar(name[0]);
            var endOk = end == text.Length || !TextNormalizer.IsWordChar(text[end]) || !TextNormalizer.IsWordChar(name[^1]);
            if (startOk && endOk)
            {
                return at;
            }

            from = at + 1;
        }

        return -1;
    }

    private static bool Overlaps(int s1, int l1, int s2, int l2) => s1 < s2 + l2 && s2 < s1 + l1;
}
