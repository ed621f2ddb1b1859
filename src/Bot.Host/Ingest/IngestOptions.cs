namespace Bot.Host.Ingest;

/// <summary>HTTP ingest (<c>Ingest:ApiKey</c>, env <c>Ingest__ApiKey</c>): without a key the endpoint refuses every request.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>The shared secret callers send in <c>X-Api-Key</c>. A secret: set it in the environment, not in appsettings.json.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The largest CSV body accepted (default 512 MiB; Kestrel's own default of ~28 MiB is lifted for this endpoint).</summary>
    public long MaxBodyBytes { get; set; } = 512L * 1024 * 1024;
}
