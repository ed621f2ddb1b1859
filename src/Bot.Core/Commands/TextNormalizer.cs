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

        // NFKC folds full-width Latin and digits (ｆｕｎｎｅｌ，１２３) that Chinese IMEs produce.
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
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
