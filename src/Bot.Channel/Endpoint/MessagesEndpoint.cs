using Bot.Channel.Auth;
using Bot.Channel.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Bot.Channel.Endpoint;

/// <summary><c>POST /api/messages</c> with the HTTP contract of bot-protocol.md §2.1.</summary>
public static class MessagesEndpoint
{
    // Teams caps messages near 100 KB; anything far larger is not an activity we want to parse.
    private const int MaxBodyBytes = 1024 * 1024;

    // How long a refused sender should wait: a full backlog drains in seconds unless the connector itself is stuck.
    private const string RetryAfterSeconds = "5";

    public static IEndpointRouteBuilder MapMessages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", HandleAsync);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context,
        IInboundAuthenticator authenticator,
        IActivityProcessor processor,
        TurnRunner turns,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(MessagesEndpoint));
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        var activity = body is null ? null : ProtocolJson.ReadActivity(body);
        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            return Results.BadRequest();
        }

        var auth = await authenticator.AuthenticateAsync(
            context.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null,
            activity,
            context.Connection.RemoteIpAddress,
            context.RequestAborted);
        if (!auth.Allowed)
        {
            logger.LogWarning("Rejected {ActivityType} activity: {Reason}", activity.Type, auth.FailureReason);
            return Results.Unauthorized();
        }

        // Acknowledge first, answer from the queue (§2.2); an invoke's answer is the response, so it runs here.
        if (activity.Type != ActivityTypes.Invoke && activity.DeliveryMode != "expectReplies")
        {
            if (turns.TryEnqueue(activity, auth))
            {
                return Results.Ok();
            }

            // Not taken: the backlog is full, or the host is stopping. Running it inline would overtake the conversation's
            // queued turns, and a 200 without an answer would drop the message silently. bot-protocol.md promises no
            // redelivery of a refused activity, but a delivery the bot does not acknowledge is a failure the user sees and
            // can send again (§2.2, §8.5); a channel that does retry 5xx gets Retry-After. 503, not 429: the bot is
            // overloaded, the sender did nothing wrong.
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        try
        {
            // Work is not tied to RequestAborted: a client that gives up must not cut a reply in half.
            var invoke = await processor.ProcessAsync(activity, auth, CancellationToken.None);
            if (invoke is null)
            {
                return Results.Ok();
            }

            return invoke.Body is null
                ? Results.StatusCode(invoke.Status)
                : Results.Json(invoke.Body, ProtocolJson.Options, statusCode: invoke.Status);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The router already apologises for command failures; this is the last line for protocol-level surprises.
            logger.LogError(ex, "Unhandled failure processing {ActivityType}", activity.Type);
            return activity.Type == ActivityTypes.Invoke ? Results.StatusCode(500) : Results.Ok();
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == 0 ? null : buffer.ToArray();
    }
}
