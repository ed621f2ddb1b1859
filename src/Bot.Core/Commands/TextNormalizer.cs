using System.Globalization;
using System.Text;

namespace Bot.Core.Commands;

/// <summary>Puts user text into one canonical form before matching: lower case, half-width, single spaces.</summary>
public static class TextNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        // NFKC folds full-width Latin and digits (ｆｕｎｎｅｌ，１２３) that Chinese IMEs produce. It rejects
        // lone surrogates and unassigned code points, which clients do send; those become spaces first.
        var valid = RemoveInvalid(text);
        var folded = valid.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var result = new StringBuilder(folded.Length);
        var lastWasSpace = true;
        foreach (var ch in folded)
        {
            if (char.IsWhiteSpace(ch) || char.IsControl(ch) || IsSentencePunctuation(ch))
            {
                if (!lastWasSpace)
                {
                    result.Append(' ');
                    lastWasSpace = true;
                }

                continue;
            }

            result.Append(ch);
            lastWasSpace = false;
        }

        return result.ToString().Trim();
    }

    private static string RemoveInvalid(string text)
    {
        if (!text.Any(ch => char.IsSurrogate(ch) || CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.OtherNotAssigned))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var category = CharUnicodeInfo.GetUnicodeCategory(text, i);
                clean.Append(category == UnicodeCategory.OtherNotAssigned ? " " : text.Substring(i, 2));
                i++;
            }
            else if (char.IsSurrogate(ch) || CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.OtherNotAssigned)
            {
                clean.Append(' ');
            }
            else
            {
                clean.Append(ch);
            }
        }

        return clean.ToString();
    }

    /// <summary>True for CJK ideographs, which are words without spaces between them.</summary>
    public static bool IsCjk(char ch) =>
        ch is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u3040' and <= '\u30FF');

    public static bool IsWordChar(char ch) => char.IsLetterOrDigit(ch) && !IsCjk(ch);

    // Punctuation that ends or separates phrases, never part of a value ("funnel, last week?" / "漏斗，上周。").
    private static bool IsSentencePunctuation(char ch) =>
        ch is ',' or '?' or '!' or ';' or '。' or '，' or '？' or '！' or '；' or '、' or '"' or '\'' or '“' or '”';

    /// <summary>Splits on spaces; also splits Latin from CJK runs so "漏斗last week" and "funnel上周" tokenize.</summary>
    public static IReadOnlyList<string> Tokens(string normalized) =>
        normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
