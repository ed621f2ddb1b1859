using Bot.Channel.Protocol;

namespace Bot.Channel.Connector;

/// <summary>Outbound Bot Connector REST v3 calls (bot-protocol.md §4.3). Retries and tokens live behind it.</summary>
public interface IConnectorClient
{
    Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);

    Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken);

    Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);

    /// <summary>Completes when a send to the conversation would not wait for the per-conversation pacing (§4.5).</summary>
    /// <remarks>It reserves nothing: a send made afterwards can still wait if another sender took the budget meanwhile.</remarks>
    ValueTask WaitForSendBudgetAsync(string conversationId, CancellationToken cancellationToken);
}

/// <summary>The connector refused a call after retries; <see cref="StatusCode"/> tells why (403/404 = gone).</summary>
public sealed class ConnectorException(int statusCode, string? errorCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string? ErrorCode { get; } = errorCode;

    /// <summary>The connector's <c>X-Correlating-OperationId</c>, to quote when reporting a failure to Microsoft.</summary>
    public string? OperationId { get; init; }

    /// <summary>403/404: the bot was removed or the conversation is gone; retrying will not help.</summary>
    public bool ConversationGone => StatusCode is 403 or 404;
}
