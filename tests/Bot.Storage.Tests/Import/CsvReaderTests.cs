using System.Text;
using Bot.Storage.Import;

namespace Bot.Storage.Tests.Import;

public sealed class CsvReaderTests
{
    private static List<(long Line, string[] Fields, string? Error)> ReadAll(string text, int bufferSize = 1 << 16)
    {
        var reader = new CsvReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), bufferSize);
        Assert.Null(reader.DetectDelimiter());
        var records = new List<(long, string[], string?)>();
        while (reader.Read())
        {
            records.Add((reader.Line, Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray(), reader.RecordError));
        }

        return records;
    }

    [Theory]
    [InlineData(16)]
    [InlineData(1 << 16)]
    public void Read_QuotedFieldsWithDelimitersQuotesAndNewlines_KeepsFileLineNumbers(int bufferSize)
    {
        var text = "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n2,\"multi\nline\nvalue\",z\n3,,\n";

        var records = ReadAll(text, bufferSize);

        Assert.Equal([1L, 2, 4, 7], records.Select(r => r.Line));
        Assert.Equal(["1", "x, y", "say \"hi\""], records[1].Fields);
        Assert.Equal(["2", "multi\nline\nvalue", "z"], records[2].Fields);
        Assert.Equal(["3", string.Empty, string.Empty], records[3].Fields);
    }

    [Fact]
    public void DetectDelimiter_TabHeader_SplitsOnTabsOnly()
    {
        var records = ReadAll("date\tname\n2026-06-01\t玻尿酸, 30ml\n");

        Assert.Equal(["2026-06-01", "玻尿酸, 30ml"], records[1].Fields);
    }

    [Fact]
    public void Read_LastLineWithoutNewline_IsRead()
    {
        var records = ReadAll("a,b\n1,2");

        Assert.Equal(["1", "2"], records[1].Fields);
    }

    [Fact]
    public void Read_BlankAndDelimiterOnlyLines_AreSkippedButCounted()
    {
        var records = ReadAll("a,b\n\n,\n1,2\n");

        Assert.Equal(4, records[1].Line);
    }

    [Fact]
    public void Read_LongRecordAcrossManyBuffers_IsWhole()
    {
        var value = new string('x', 10_000);

        var records = ReadAll($"a,b\n\"{value}\",2\n", bufferSize: 64);

        Assert.Equal(value, records[1].Fields[0]);
    }
}
