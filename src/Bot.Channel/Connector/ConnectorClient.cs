using System.Net.Http.Json;
using Bot.Channel.Protocol;

namespace Bot.Channel.Connector;

/// <summary>PLACEHOLDER: plain HTTP without token or retries; replaced by the real client.</summary>
public sealed class ConnectorClient(HttpClient http) : IConnectorClient
{
    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", activity, cancellationToken);

    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities", activity, cancellationToken);

    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}", activity, cancellationToken);

    private async Task<ResourceResponse> SendAsync(HttpMethod method, string serviceUrl, string path, Activity activity, CancellationToken cancellationToken)
    {
        var uri = new Uri(new Uri(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/"), path);
        using var request = new HttpRequestMessage(method, uri) { Content = JsonContent.Create(activity, options: ProtocolJson.Options) };
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ConnectorException((int)response.StatusCode, null, $"Connector answered {(int)response.StatusCode}");
        }

        return await response.Content.ReadFromJsonAsync<ResourceResponse>(ProtocolJson.Options, cancellationToken) ?? new ResourceResponse(null);
    }
}
