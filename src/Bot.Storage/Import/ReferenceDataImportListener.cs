using Bot.Core.Commands.Query;

namespace Bot.Storage.Import;

/// <summary>Reloads the shops, channels and campaigns the commands read messages with, as soon as an import commits.</summary>
/// <remarks>
/// Any kind may register shops or channels, and campaigns bring names and aliases; the reload (three small queries) runs
/// before the ingest request is answered, so the next message already knows them, and no message waits for it.
/// </remarks>
public sealed class ReferenceDataImportListener(ReferenceData reference) : IDataImportedListener
{
    public Task OnDataImportedAsync(DataImported imported, CancellationToken cancellationToken) => reference.RefreshAsync(cancellationToken);
}
