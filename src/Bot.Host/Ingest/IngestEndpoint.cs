using System.Security.Cryptography;
using System.Text;
using Bot.Core.DataFiles;
using Bot.Storage.Import;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Bot.Host.Ingest;

/// <summary><c>POST /api/ingest/{kind}</c>: a CSV body imported all-or-nothing, guarded by <c>X-Api-Key</c>.</summary>
/// <remarks>
/// 503 when no key is configured, 401 without the right key, 400 with the line errors, 200 with the
/// summary. <c>?registerChannels=true</c> registers unknown channels. After a successful import every
/// <see cref="IDataImportedListener"/> is called (alert evaluation, waiting briefs …) before the response.
/// </remarks>
internal static class IngestEndpoint
{
    public const string ApiKeyHeader = "X-Api-Key";

    public static IServiceCollection AddIngest(this IServiceCollection services)
    {
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section);
        return services;
    }

    public static IEndpointRouteBuilder MapIngest(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/ingest/{kind}", HandleAsync);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        string kind,
        HttpContext context,
        IOptionsMonitor<IngestOptions> options,
        CsvImporter importer,
        DataImportNotifier notifier,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(IngestEndpoint));
        var settings = options.CurrentValue;
        if (string.IsNullOrEmpty(settings.ApiKey))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Ingest is not configured",
                detail: "Set Ingest:ApiKey (environment variable Ingest__ApiKey) to accept CSV uploads here; until then every request is refused.");
        }

        if (!KeyMatches(context.Request.Headers[ApiKeyHeader].ToString(), settings.ApiKey))
        {
            logger.LogWarning("Rejected an ingest request for {Kind}: missing or wrong {Header}", kind, ApiKeyHeader);
            return Results.Unauthorized();
        }

        if (!ImportKinds.TryParse(kind, out var importKind))
        {
            return Results.BadRequest(new IngestError($"Unknown kind '{kind}'; kinds: {ImportKinds.Names}.", []));
        }

        if (context.Request.HasFormContentType)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Send the CSV as the request body",
                detail: "Use Content-Type: text/csv with the file as the raw body, not a form upload.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = settings.MaxBodyBytes;
        }

        // The importer reads synchronously; buffer the body first (ASP.NET Core forbids sync reads of the request).
        var buffer = TempFile.Create("opsbot-ingest");
        await using (buffer)
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            buffer.Position = 0;
            var register = bool.TryParse(context.Request.Query["registerChannels"], out var flag) && flag;
            var result = await importer.ImportAsync(importKind, buffer, new ImportOptions(register) { Source = "http" }, context.RequestAborted);
            if (!result.Succeeded)
            {
                logger.LogInformation("Refused a {Kind} ingest: {ErrorCount} line errors", ImportKinds.Name(importKind), result.Errors.Count);
                return Results.BadRequest(new IngestError(
                    $"{ImportKinds.Name(importKind)}: import refused, nothing was written.",
                    result.Errors.Select(IngestIssue.From).ToArray(),
                    result.ErrorsTruncated));
            }

            logger.LogInformation(
                "Ingested {Rows} {Kind} rows ({Inserted} inserted, {Replaced} replaced) in {ElapsedMs} ms",
                result.Rows,
                ImportKinds.Name(importKind),
                result.Inserted,
                result.Replaced,
                (long)result.Elapsed.TotalMilliseconds);
            await notifier.NotifyAsync(new DataImported(result, "http"), CancellationToken.None);
            return Results.Ok(IngestSummary.From(result));
        }
    }

    /// <summary>Compares hashes in constant time: neither the content nor the length of the key leaks through timing.</summary>
    internal static bool KeyMatches(string? presented, string configured)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
    }
}

internal sealed record IngestIssue(long Line, string? Column, string Message)
{
    public static IngestIssue From(ImportIssue issue) => new(issue.Line, issue.Column, issue.Message);
}

internal sealed record IngestError(string Error, IReadOnlyList<IngestIssue> Errors, bool ErrorsTruncated = false);

internal sealed record IngestSummary(
    string Kind,
    long Rows,
    long Inserted,
    long Replaced,
    IReadOnlyList<string> RegisteredShops,
    IReadOnlyList<string> RegisteredChannels,
    long WarningCount,
    IReadOnlyList<IngestIssue> Warnings,
    long ElapsedMs,
    string Summary)
{
    public static IngestSummary From(ImportResult result) => new(
        ImportKinds.Name(result.Kind),
        result.Rows,
        result.Inserted,
        result.Replaced,
        result.RegisteredShops,
        result.RegisteredChannels,
        result.WarningCount,
        result.Warnings.Select(IngestIssue.From).ToArray(),
        (long)result.Elapsed.TotalMilliseconds,
        result.Summary);
}
