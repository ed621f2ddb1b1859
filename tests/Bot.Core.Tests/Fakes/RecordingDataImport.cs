using System.Text;
using Bot.Core.DataFiles;

namespace Bot.Core.Tests.Fakes;

/// <summary>An <see cref="IDataImport"/> that records what it was given and answers what the test set.</summary>
public sealed class RecordingDataImport : IDataImport
{
    public List<(string? Kind, string Content, string Source)> Calls { get; } = [];

    public DataImportReport? Next { get; set; }

    /// <summary>What <see cref="GetStatusAsync"/> answers; the window and count asked for are kept in <see cref="StatusAsked"/>.</summary>
    public DataStatus? Status { get; set; }

    public (DateOnly From, DateOnly To, int Imports, string? Shop)? StatusAsked { get; private set; }

    public IReadOnlyList<DataKind> Kinds { get; } =
    [
        new("channel-daily", ["date", "shop", "channel"], ["日期", "店铺", "渠道"]),
        new("sku-daily", ["date", "shop", "sku"], ["日期", "店铺", "商品id"]),
        new("campaigns", ["name", "start"], ["活动", "开始日期"]),
        new("campaign-costs", ["campaign", "cost"], ["活动", "费用"]),
        new("goals", ["shop", "metric"], ["店铺", "指标"]),
    ];

    public async Task<DataImportReport> ImportAsync(string? kind, Stream csv, string source, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(csv, Encoding.UTF8);
        Calls.Add((kind, await reader.ReadToEndAsync(cancellationToken), source));
        return Next ?? new DataImportReport
        {
            Kind = kind ?? "channel-daily",
            Rows = 40,
            Inserted = 38,
            Replaced = 2,
            Elapsed = TimeSpan.FromMilliseconds(12),
            FirstDay = new DateOnly(2026, 6, 14),
            LastDay = new DateOnly(2026, 6, 18),
        };
    }

    public Task<DataStatus> GetStatusAsync(DateOnly windowStart, DateOnly windowEnd, int recentImports, string? shop, CancellationToken cancellationToken)
    {
        StatusAsked = (windowStart, windowEnd, recentImports, shop);
        return Task.FromResult(Status ?? new DataStatus(windowStart, windowEnd, [], []));
    }
}
