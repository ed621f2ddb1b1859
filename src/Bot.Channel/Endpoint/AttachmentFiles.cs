using System.Net;
using System.Text.Json;
using Bot.Channel.Auth;
using Bot.Channel.Protocol;
using Bot.Core.DataFiles;
using Bot.Core.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Channel.Endpoint;

/// <summary>The files of an inbound message, from its attachments (cards and the text/html copy of the text are not files).</summary>
internal static class AttachmentFiles
{
    /// <summary>Teams' description of a file a user sent in a 1:1 chat; the bytes are behind <c>content.downloadUrl</c>.</summary>
    public const string TeamsFileDownloadInfo = "application/vnd.microsoft.teams.file.download.info";

    public static IReadOnlyList<IncomingFile> From(Activity activity)
    {
        var files = new List<IncomingFile>();
        foreach (var attachment in activity.Attachments ?? [])
        {
            if (attachment.ContentType == TeamsFileDownloadInfo)
            {
                if (attachment.Content is { ValueKind: JsonValueKind.Object } content
                    && Text(content, "downloadUrl") is { } url && Uri.TryCreate(url, UriKind.Absolute, out var download))
                {
                    files.Add(new IncomingFile(attachment.Name ?? "file", download, Text(content, "fileType")));
                }
            }
            else if (attachment.ContentUrl is { } contentUrl
                && !IsCardOrText(attachment.ContentType)
                && Uri.TryCreate(contentUrl, UriKind.Absolute, out var link))
            {
                // Other channels (Emulator, Direct Line) put the file behind contentUrl with its own content type.
                files.Add(new IncomingFile(attachment.Name ?? "file", link, attachment.ContentType));
            }
        }

        return files;
    }

    private static bool IsCardOrText(string? contentType) =>
        contentType is null
        || contentType.StartsWith("application/vnd.microsoft.card.", StringComparison.OrdinalIgnoreCase)
        || contentType.Equals("text/html", StringComparison.OrdinalIgnoreCase)
        || contentType.Equals("text/plain", StringComparison.OrdinalIgnoreCase);

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>Where attached files may be fetched from (<c>Attachments:AllowedHosts</c>).</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    /// <summary>Hosts of download links, exact or <c>*.suffix</c>; by default where Teams keeps chat files (SharePoint/OneDrive, incl. 21Vianet and US government clouds).</summary>
    public IList<string> AllowedHosts { get; init; } = ["*.sharepoint.com", "*.sharepoint.cn", "*.sharepoint.us", "*.sharepoint-mil.us"];
}

/// <summary>Downloads an attached file to a temporary file, within a size limit.</summary>
/// <remarks>
/// Teams' <c>downloadUrl</c> is pre-authorised and short-lived, so no token is sent (the bot's token never leaves for a
/// file host). Links are followed only over https to an allowed host, so a message cannot make the bot fetch from
/// inside its network; in local mode (no App ID, loopback callers only) also to this machine, where the Emulator and
/// the Playground serve files.
/// </remarks>
public sealed class AttachmentDownloader(
    IHttpClientFactory clients,
    IOptions<AttachmentOptions> options,
    IOptions<BotCredentialsOptions> credentials,
    ILogger<AttachmentDownloader> logger) : IAttachmentReader
{
    public const string HttpClientName = "attachments";

    public const int MaxRedirects = 5;

    public async Task<Stream> OpenAsync(IncomingFile file, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var response = await GetFollowingAllowedRedirectsAsync(file, cancellationToken);
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new AttachmentUnavailableException(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                    ? $"{file.Name}: its download link has expired or is not readable (HTTP {(int)response.StatusCode}). Please send the file again."
                    : $"{file.Name}: the file host answered HTTP {(int)response.StatusCode}. Please send the file again.");
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw TooLarge(file, maxBytes);
            }

            var copy = TempFile.Create("opsbot-attachment");
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                var buffer = new byte[1 << 16];
                long total = 0;
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        throw TooLarge(file, maxBytes);
                    }

                    await copy.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                copy.Position = 0;
                return copy;
            }
            catch
            {
                await copy.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Redirects are followed here, not by the handler, so every hop must pass the host check.</summary>
    private async Task<HttpResponseMessage> GetFollowingAllowedRedirectsAsync(IncomingFile file, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(HttpClientName);
        var url = file.Url;
        for (var hop = 0; ; hop++)
        {
            if (!IsAllowed(url, options.Value.AllowedHosts, localMode: !credentials.Value.AuthEnabled))
            {
                logger.LogWarning("Refused to fetch {File} from {Host}: not an allowed file host", file.Name, url.Host);
                throw new AttachmentUnavailableException(
                    $"{file.Name}: I only fetch files over https from where Teams keeps them (SharePoint/OneDrive); this link goes to {url.Scheme}://{url.Host}. An admin can allow more hosts (Attachments:AllowedHosts).");
            }

            HttpResponseMessage response;
            try
            {
                response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Downloading {File} failed", file.Name);
                throw new AttachmentUnavailableException($"{file.Name}: the file could not be downloaded ({ex.Message}). Please send it again.", ex);
            }

            if ((int)response.StatusCode is < 300 or >= 400 || response.Headers.Location is not { } location)
            {
                return response;
            }

            response.Dispose();
            if (hop == MaxRedirects)
            {
                throw new AttachmentUnavailableException($"{file.Name}: its link redirected more than {MaxRedirects} times. Please send the file again.");
            }

            url = location.IsAbsoluteUri ? location : new Uri(url, location);
        }
    }

    internal static bool IsAllowed(Uri url, IEnumerable<string> allowedHosts, bool localMode)
    {
        if (url.IsLoopback)
        {
            return localMode && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
        }

        var host = url.IdnHost;
        return url.Scheme == Uri.UriSchemeHttps
            && url.HostNameType == UriHostNameType.Dns
            && allowedHosts.Any(pattern => pattern.StartsWith("*.", StringComparison.Ordinal)
                ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)
                : string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase));
    }

    private static AttachmentUnavailableException TooLarge(IncomingFile file, long maxBytes) =>
        new($"{file.Name} is larger than {maxBytes / (1024.0 * 1024):0.#} MB, the most I import from chat. Split it (by month, say) or use the ingest API.");
}
