using System.Globalization;
using Bot.Storage.Sqlite;

namespace Bot.Storage.Export;

/// <summary>Writes canonical CSV lines (comma separated, RFC 4180 quoting, invariant numbers, LF line ends) without per-value allocations.</summary>
internal sealed class CsvLineWriter(TextWriter writer)
{
    private char[] _line = new char[512];
    private int _length;
    private bool _first = true;

    public void Header(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            Text(name);
        }

        EndLine();
    }

    public void Text(string? value)
    {
        Separator();
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var needsQuotes = value.AsSpan().IndexOfAny(",\"\r\n\t") >= 0 || value[0] == ' ' || value[^1] == ' ';
        if (!needsQuotes)
        {
            Append(value);
            return;
        }

        Append("\"");
        Append(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        Append("\"");
    }

    public void Int(long value)
    {
        Separator();
        Format(value, default);
    }

    public void Cents(long cents)
    {
        Separator();
        if (cents < 0)
        {
            Append("-");
            cents = -cents;
        }

        Format(cents / 100, default);
        Append(".");
        Format(cents % 100, "00");
    }

    public void OptionalCents(long? cents)
    {
        if (cents is { } value)
        {
            Cents(value);
        }
        else
        {
            Empty();
        }
    }

    public void Day(long day)
    {
        Separator();
        Ensure(10);
        Days.ToDate(day).TryFormat(_line.AsSpan(_length), out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        _length += written;
    }

    public void OptionalDay(long? day)
    {
        if (day is { } value)
        {
            Day(value);
        }
        else
        {
            Empty();
        }
    }

    public void Number(double? value)
    {
        Separator();
        if (value is { } v)
        {
            Ensure(32);
            v.TryFormat(_line.AsSpan(_length), out var written, "R", CultureInfo.InvariantCulture);
            _length += written;
        }
    }

    public void Number(decimal value)
    {
        Separator();
        Ensure(40);
        value.TryFormat(_line.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    public void Empty() => Separator();

    public void EndLine()
    {
        Ensure(1);
        _line[_length++] = '\n';
        writer.Write(_line, 0, _length);
        _length = 0;
        _first = true;
    }

    private void Separator()
    {
        if (!_first)
        {
            Ensure(1);
            _line[_length++] = ',';
        }

        _first = false;
    }

    private void Format(long value, ReadOnlySpan<char> format)
    {
        Ensure(20);
        value.TryFormat(_line.AsSpan(_length), out var written, format, CultureInfo.InvariantCulture);
        _length += written;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        Ensure(text.Length);
        text.CopyTo(_line.AsSpan(_length));
        _length += text.Length;
    }

    private void Ensure(int more)
    {
        if (_length + more > _line.Length)
        {
            Array.Resize(ref _line, Math.Max(_line.Length * 2, _length + more));
        }
    }
}
