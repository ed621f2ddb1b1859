using Microsoft.Extensions.Logging;

namespace Bot.Storage.Import;

/// <summary>New data was imported (e.g. through <c>POST /api/ingest/{kind}</c>).</summary>
/// <param name="Source">Where it came from: "http", "cli", "demo".</param>
public sealed record DataImported(ImportResult Result, string Source)
{
    public ImportKind Kind => Result.Kind;
}

/// <summary>Reacts to new data (alert evaluation, briefs waiting for data …). Register any number in DI.</summary>
public interface IDataImportedListener
{
    Task OnDataImportedAsync(DataImported imported, CancellationToken cancellationToken);
}

/// <summary>Calls every registered <see cref="IDataImportedListener"/> in turn; one failing listener is logged and does not stop the rest.</summary>
public sealed class DataImportNotifier(IEnumerable<IDataImportedListener> listeners, ILogger<DataImportNotifier> logger)
{
    public async Task NotifyAsync(DataImported imported, CancellationToken cancellationToken)
    {
        foreach (var listener in listeners)
        {
            try
            {
                await listener.OnDataImportedAsync(imported, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Data-imported listener {Listener} failed for {Kind}", listener.GetType().Name, ImportKinds.Name(imported.Kind));
            }
        }
    }
}
