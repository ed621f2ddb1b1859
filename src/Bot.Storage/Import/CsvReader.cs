using System.Text;
using System.Text.Unicode;

namespace Bot.Storage.Import;

/// <summary>A streaming RFC 4180 reader over UTF-8 bytes that knows the file line of every record.</summary>
/// <remarks>
/// Works on bytes, not chars: delimiters, quotes and line breaks are ASCII, so fields can be cut
/// without decoding, numbers parsed straight from the bytes, and an invalid UTF-8 sequence reported
/// with the line it is on (a StreamReader would only throw somewhere in the stream). Quoted fields
/// may hold delimiters, doubled quotes and line breaks; <see cref="Line"/> is the line a record starts on.
/// </remarks>
internal sealed class CsvReader
{
    private const byte Quote = (byte)'"';
    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';
    private const int MaxFields = 4096;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private long _nextLine = 1;
    private int[] _fieldStart = new int[64];
    private int[] _fieldLength = new int[64];
    private bool[] _fieldEscaped = new bool[64];

    public CsvReader(Stream stream, int bufferSize = 1 << 16)
    {
        _stream = stream;
        _buffer = new byte[Math.Max(bufferSize, 16)];
    }

    private enum ParseStatus
    {
        Complete,
        NeedMore,
    }

    public byte Delimiter { get; private set; } = (byte)',';

    /// <summary>File line (1-based) on which the current record starts.</summary>
    public long Line { get; private set; }

    public int FieldCount { get; private set; }

    /// <summary>A syntax problem of the current record (bad quoting, invalid UTF-8); its fields are not usable.</summary>
    public string? RecordError { get; private set; }

    /// <summary>Skips a UTF-8 BOM and picks the delimiter from the header line: tab if it has more tabs than commas.</summary>
    /// <returns>An error message for line 1, or null.</returns>
    public string? DetectDelimiter()
    {
        while (_end - _start < 3 && Refill())
        {
        }

        var head = _buffer.AsSpan(_start, _end - _start);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            _start += 3;
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return "the file is UTF-16; save it as UTF-8 (\"CSV UTF-8\" in Excel)";
        }

        int commas = 0, tabs = 0, semicolons = 0;
        var inQuotes = false;
        var i = 0;
        while (true)
        {
            if (_start + i >= _end)
            {
                if (!Refill())
                {
                    break;
                }

                continue;
            }

            var b = _buffer[_start + i];
            i++;
            if (b == Quote)
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes)
            {
                if (b is Lf or Cr)
                {
                    break;
                }

                commas += b == (byte)',' ? 1 : 0;
                tabs += b == (byte)'\t' ? 1 : 0;
                semicolons += b == (byte)';' ? 1 : 0;
            }
        }

        Delimiter = tabs > commas ? (byte)'\t' : (byte)',';
        if (commas == 0 && tabs == 0 && semicolons > 0)
        {
            return "the header is separated by semicolons; use commas or tabs";
        }

        return null;
    }

    /// <summary>Moves to the next record that is not blank; false at the end of the file.</summary>
    public bool Read()
    {
        while (true)
        {
            if (_start >= _end && !Refill())
            {
                return false;
            }

            int recordEnd, newlines;
            string? error;
            while (TryParseRecord(out recordEnd, out newlines, out error) == ParseStatus.NeedMore)
            {
                Refill();
            }

            Line = _nextLine;
            _nextLine += 1 + newlines;
            var raw = _buffer.AsSpan(_start, recordEnd - _start);
            _start = recordEnd;
            RecordError = error;
            if (error is null && !Utf8.IsValid(raw))
            {
                RecordError = "the line is not valid UTF-8; save the file as UTF-8 (it may be GBK/ANSI)";
            }

            if (RecordError is not null)
            {
                FieldCount = 0;
                return true;
            }

            if (IsBlank())
            {
                continue;
            }

            Unescape();
            return true;
        }
    }

    /// <summary>The raw bytes of a field, quotes removed, surrounding spaces trimmed.</summary>
    public ReadOnlySpan<byte> Field(int index) =>
        _buffer.AsSpan(_fieldStart[index], _fieldLength[index]).Trim((byte)' ');

    public string GetString(int index) => Encoding.UTF8.GetString(Field(index));

    /// <summary>Decodes a field into <paramref name="destination"/>; false when it does not fit.</summary>
    public bool TryGetChars(int index, Span<char> destination, out int written)
    {
        var bytes = Field(index);
        // UTF-8 never needs more chars than bytes.
        if (bytes.Length > destination.Length && Encoding.UTF8.GetCharCount(bytes) > destination.Length)
        {
            written = 0;
            return false;
        }

        written = Encoding.UTF8.GetChars(bytes, destination);
        return true;
    }

    private bool IsBlank()
    {
        for (var i = 0; i < FieldCount; i++)
        {
            if (!Field(i).IsEmpty)
            {
                return false;
            }
        }

        return true;
    }

    private bool Refill()
    {
        if (_eof)
        {
            return false;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
            return false;
        }

        _end += read;
        return true;
    }

    private ParseStatus TryParseRecord(out int recordEnd, out int newlines, out string? error)
    {
        var buffer = _buffer;
        var end = _end;
        var delimiter = Delimiter;
        var pos = _start;
        recordEnd = end;
        newlines = 0;
        error = null;
        FieldCount = 0;

        while (true)
        {
            if (FieldCount == _fieldStart.Length)
            {
                if (FieldCount >= MaxFields)
                {
                    error = $"more than {MaxFields} fields";
                    return SkipToLineEnd(pos, ref recordEnd);
                }

                Array.Resize(ref _fieldStart, FieldCount * 2);
                Array.Resize(ref _fieldLength, FieldCount * 2);
                Array.Resize(ref _fieldEscaped, FieldCount * 2);
            }

            if (pos < end && buffer[pos] == Quote)
            {
                var contentStart = pos + 1;
                var q = contentStart;
                var escaped = false;
                while (true)
                {
                    var found = buffer.AsSpan(q, end - q).IndexOf(Quote);
                    if (found < 0)
                    {
                        if (!_eof)
                        {
                            return ParseStatus.NeedMore;
                        }

                        error = "a quoted field is not closed (missing \")";
                        newlines += buffer.AsSpan(pos, end - pos).Count(Lf);
                        recordEnd = end;
                        return ParseStatus.Complete;
                    }

                    q += found;
                    if (q + 1 < end)
                    {
                        if (buffer[q + 1] == Quote)
                        {
                            escaped = true;
                            q += 2;
                            continue;
                        }
                    }
                    else if (!_eof)
                    {
                        return ParseStatus.NeedMore;
                    }

                    break;
                }

                newlines += buffer.AsSpan(contentStart, q - contentStart).Count(Lf);
                SetField(contentStart, q - contentStart, escaped);
                pos = q + 1;
                if (pos < end && buffer[pos] != delimiter && buffer[pos] != Cr && buffer[pos] != Lf)
                {
                    error = "unexpected text after a closing quote (a quote inside a quoted field must be doubled: \"\")";
                    return SkipToLineEnd(pos, ref recordEnd);
                }
            }
            else
            {
                var fieldStart = pos;
                while (pos < end)
                {
                    var b = buffer[pos];
                    if (b == delimiter || b == Lf || b == Cr)
                    {
                        break;
                    }

                    pos++;
                }

                if (pos == end && !_eof)
                {
                    return ParseStatus.NeedMore;
                }

                SetField(fieldStart, pos - fieldStart, false);
            }

            if (pos >= end)
            {
                if (!_eof)
                {
                    return ParseStatus.NeedMore;
                }

                recordEnd = end;
                return ParseStatus.Complete;
            }

            var terminator = buffer[pos];
            if (terminator == delimiter)
            {
                pos++;
                continue;
            }

            if (terminator == Lf)
            {
                recordEnd = pos + 1;
                return ParseStatus.Complete;
            }

            // CR: a CRLF pair or an old-Mac lone CR.
            if (pos + 1 < end)
            {
                recordEnd = buffer[pos + 1] == Lf ? pos + 2 : pos + 1;
                return ParseStatus.Complete;
            }

            if (!_eof)
            {
                return ParseStatus.NeedMore;
            }

            recordEnd = pos + 1;
            return ParseStatus.Complete;
        }
    }

    private ParseStatus SkipToLineEnd(int pos, ref int recordEnd)
    {
        var found = _buffer.AsSpan(pos, _end - pos).IndexOf(Lf);
        if (found < 0)
        {
            if (!_eof)
            {
                return ParseStatus.NeedMore;
            }

            recordEnd = _end;
            return ParseStatus.Complete;
        }

        recordEnd = pos + found + 1;
        return ParseStatus.Complete;
    }

    private void SetField(int start, int length, bool escaped)
    {
        _fieldStart[FieldCount] = start;
        _fieldLength[FieldCount] = length;
        _fieldEscaped[FieldCount] = escaped;
        FieldCount++;
    }

    private void Unescape()
    {
        for (var i = 0; i < FieldCount; i++)
        {
            if (!_fieldEscaped[i])
            {
                continue;
            }

            var span = _buffer.AsSpan(_fieldStart[i], _fieldLength[i]);
            var written = 0;
            for (var read = 0; read < span.Length; read++)
            {
                span[written++] = span[read];
                if (span[read] == Quote && read + 1 < span.Length && span[read + 1] == Quote)
                {
                    read++;
                }
            }

            _fieldLength[i] = written;
            _fieldEscaped[i] = false;
        }
    }
}
