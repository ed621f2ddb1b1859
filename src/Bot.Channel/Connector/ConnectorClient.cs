using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.RateLimiting;
using Bot.Channel.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Bot.Channel.Connector;

/// <summary>The Bot Connector REST v3 client (bot-protocol.md §4.2–§4.5): escaped routes, camelCase bodies, per-conversation pacing.</summary>
/// <remarks>
/// A singleton that asks <see cref="IHttpClientFactory"/> for the named <see cref="HttpClientName"/> client per call,
/// so handler lifetimes stay managed while singletons (ActivityProcessor, jobs) can hold it. Tokens and retries
/// are the client's handlers (<see cref="ConnectorTokenHandler"/>, <see cref="ConnectorRetryHandler"/>); failures
/// that survive the retries surface as <see cref="ConnectorException"/> (HTTP status) or <see cref="HttpRequestException"/>
/// (network or timeout).
/// </remarks>
public sealed class ConnectorClient : IConnectorClient, IDisposable
{
    public const string HttpClientName = "Bot.Connector";
    public const string ConversationIdHeader = "x-ms-conversation-id";
    private const string OperationIdHeader = "X-Correlating-OperationId";

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly ILogger<ConnectorClient> _logger;
    private readonly PartitionedRateLimiter<string>[] _windows;
    private readonly PartitionedRateLimiter<string> _pacer;

    public ConnectorClient(IHttpClientFactory httpClientFactory, IOptions<ConnectorOptions> options, ILogger<ConnectorClient> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        _httpClientFactory = httpClientFactory;
        _logger = logger;
        _windows = CreateWindows(options.Value);
        _pacer = PartitionedRateLimiter.CreateChained(_windows);
    }

    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, serviceUrl, conversationId, ActivityPath(conversationId, activityId), activity, cancellationToken);

    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, serviceUrl, conversationId, ActivitiesPath(conversationId), activity, cancellationToken);

    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, serviceUrl, conversationId, ActivityPath(conversationId, activityId), activity, cancellationToken);

    public async ValueTask WaitForSendBudgetAsync(string conversationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);

        // Zero permits: a rate limiter then waits until a permit is free without taking it. A refused lease (the
        // conversation's pacing queue is full) is not waited on here; the send itself reports it.
        using var lease = await _pacer.AcquireAsync(conversationId, 0, cancellationToken);
    }

    public void Dispose()
    {
        _pacer.Dispose();
        foreach (var window in _windows)
        {
            window.Dispose();
        }
    }

    /// <summary><c>{serviceUrl}/{path}</c> with exactly one slash between them; serviceUrl may carry a path (<c>…/teams/</c>).</summary>
    internal static Uri BuildUri(string serviceUrl, string relativePath)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("serviceUrl must be an absolute http(s) URL.", nameof(serviceUrl));
        }

        // Query and fragment are not part of a service URL's base; the path (e.g. /teams/) is.
        return new Uri(baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + relativePath.TrimStart('/'));
    }

    // §8.10: Teams ids contain ':', '@', ';' and '=' and must be escaped in paths.
    internal static string ActivitiesPath(string conversationId) =>
        $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";

    internal static string ActivityPath(string conversationId, string activityId) =>
        $"{ActivitiesPath(conversationId)}/{Uri.EscapeDataString(activityId)}";

    private async Task<ResourceResponse> SendAsync(HttpMethod method, string serviceUrl, string conversationId, string path, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentNullException.ThrowIfNull(activity);
        var uri = BuildUri(serviceUrl, path);

        using var lease = await _pacer.AcquireAsync(conversationId, 1, cancellationToken);
        if (!lease.IsAcquired)
        {
            throw new ConnectorException(429, "LocalRateLimit", "Too many messages queued for this conversation; the send was dropped.");
        }

        using var request = new HttpRequestMessage(method, uri);
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJson.Options));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(ConversationIdHeader, conversationId);

        HttpResponseMessage response;
        try
        {
            response = await _httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new HttpRequestException("The Bot Connector did not answer in time.", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException("The Bot Connector did not answer in time.", ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                var errorCode = ConnectorErrors.ReadErrorCode(body);
                var operationId = response.Headers.TryGetValues(OperationIdHeader, out var values) ? values.FirstOrDefault() : null;
                _logger.LogWarning(
                    "Connector {Method} {Route} failed with {StatusCode} {ErrorCode} (operation {OperationId})",
                    method.Method,
                    RouteName(path),
                    status,
                    errorCode,
                    operationId);
                throw new ConnectorException(status, errorCode, $"The Bot Connector answered {status} {errorCode}".TrimEnd()) { OperationId = operationId };
            }

            return ReadResource(body);
        }
    }

    private static ResourceResponse ReadResource(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new ResourceResponse(null);
        }

        try
        {
            return JsonSerializer.Deserialize<ResourceResponse>(body, ProtocolJson.Options) ?? new ResourceResponse(null);
        }
        catch (JsonException)
        {
            // Delivered is delivered: a body we cannot read does not turn a 2xx into a failure.
            return new ResourceResponse(null);
        }
    }

    // Log the route shape, not ids: conversation ids identify people.
    private static string RouteName(string path) => path.Count(c => c == '/') > 3 ? "conversations/{id}/activities/{id}" : "conversations/{id}/activities";

    /// <summary>Per-conversation pacing below Teams' per-thread limits (§4.5): a burst waits instead of earning 429s.</summary>
    private static PartitionedRateLimiter<string>[] CreateWindows(ConnectorOptions options)
    {
        var shortWindow = PartitionedRateLimiter.Create<string, string>(conversation => RateLimitPartition.GetSlidingWindowLimiter(
            conversation,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = options.MessagesPerTwoSeconds,
                Window = TimeSpan.FromSeconds(2),
                SegmentsPerWindow = 4,
                QueueLimit = 100,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }));
        var longWindow = PartitionedRateLimiter.Create<string, string>(conversation => RateLimitPartition.GetSlidingWindowLimiter(
            conversation,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = options.MessagesPerThirtySeconds,
                Window = TimeSpan.FromSeconds(30),
                SegmentsPerWindow = 6,
                QueueLimit = 100,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }));
        return [shortWindow, longWindow];
    }
}
