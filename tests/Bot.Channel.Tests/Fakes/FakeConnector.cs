using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Channel.Tests.Fakes;

/// <summary>A real HTTP Bot Connector stand-in on 127.0.0.1: records every request and answers from a script.</summary>
/// <remarks>
/// Unscripted requests get 201 with a ResourceResponse. <see cref="Script"/> queues answers (status, Retry-After, body)
/// consumed in arrival order. Shared between Bot.Channel.Tests and Bot.Host.Tests (linked source file).
/// </remarks>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _gate = new();
    private int _nextId;
    private (Func<string, string, bool> Match, TimeSpan Delay)? _delay;

    private FakeConnector(WebApplication app) => _app = app;

    /// <summary>Base URL with a trailing slash, as Teams sends serviceUrl (<c>http://127.0.0.1:port/</c>).</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<FakeConnector> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var connector = new FakeConnector(builder.Build());
        connector._app.Run(connector.HandleAsync);
        await connector._app.StartAsync();
        var address = connector._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        connector.ServiceUrl = address.TrimEnd('/') + "/";
        return connector;
    }

    /// <summary>Queues answers for the next requests, in order; afterwards requests get 201 again.</summary>
    public void Script(params ScriptedResponse[] responses)
    {
        foreach (var response in responses)
        {
            _script.Enqueue(response);
        }
    }

    /// <summary>Answers GET <paramref name="path"/> with <paramref name="content"/>, like a file host behind a download link.</summary>
    public Uri ServeFile(string path, byte[] content)
    {
        var absolute = "/" + path.TrimStart('/');
        _files[absolute] = content;
        return new Uri(ServiceUrl.TrimEnd('/') + absolute);
    }

    /// <summary>Holds requests that <paramref name="match"/> (method, raw target) for <paramref name="delay"/> before taking
    /// them in, as a slow connector would: what the bot sends meanwhile arrives first. Null clears it.</summary>
    public void Delay(Func<string, string, bool>? match, TimeSpan delay = default) => _delay = match is null ? null : (match, delay);

    /// <summary>Drops answers still queued, so one test's script cannot leak into the next.</summary>
    public void ClearScript() => _script.Clear();

    /// <summary>Waits (polling, bounded) until <paramref name="count"/> requests match; throws with what arrived on timeout.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForAsync(Func<RecordedRequest, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        var deadline = Stopwatch.GetTimestamp() + (long)((timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var matching = Requests.Where(match).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Expected {count} matching connector request(s), got {matching.Count}. Received: "
                    + string.Join("; ", Requests.Select(r => $"{r.Method} {r.RawTarget}")));
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Requests about one conversation (by the <c>x-ms-conversation-id</c> header or the escaped id in the path).</summary>
    public IReadOnlyList<RecordedRequest> For(string conversationId) =>
        Requests.Where(r => r.IsFor(conversationId)).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        if (_delay is { } delay && delay.Match(context.Request.Method, rawTarget))
        {
            await Task.Delay(delay.Delay, context.RequestAborted);
        }

        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var recorded = new RecordedRequest(
            context.Request.Method,
            rawTarget,
            context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null,
            context.Request.Headers["x-ms-conversation-id"].ToString() is { Length: > 0 } conversation ? conversation : null,
            context.Request.ContentType,
            body,
            Stopwatch.GetTimestamp());
        lock (_gate)
        {
            _requests.Add(recorded);
        }

        if (HttpMethods.IsGet(context.Request.Method) && _files.TryGetValue(context.Request.Path.Value ?? string.Empty, out var file))
        {
            context.Response.ContentType = "text/csv";
            await context.Response.Body.WriteAsync(file, context.RequestAborted);
            return;
        }

        var answer = _script.TryDequeue(out var scripted) ? scripted : ScriptedResponse.Created;
        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        if (answer.Location is { } location)
        {
            context.Response.Headers.Location = location;
        }

        var responseBody = answer.Body ?? (answer.Status is >= 200 and < 300 ? $$"""{"id":"1:fake-{{Interlocked.Increment(ref _nextId)}}"}""" : null);
        if (responseBody is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(responseBody, context.RequestAborted);
        }
    }
}

/// <summary>One scripted connector answer.</summary>
public sealed record ScriptedResponse(int Status, string? RetryAfter = null, string? Body = null, string? Location = null)
{
    public static ScriptedResponse Created { get; } = new(201);
}

/// <summary>What the fake connector received. <see cref="RawTarget"/> is the path exactly as sent (still escaped).</summary>
public sealed record RecordedRequest(string Method, string RawTarget, string? Authorization, string? ConversationIdHeader, string? ContentType, string Body, long ReceivedTimestamp)
{
    public JsonNode? Json => string.IsNullOrEmpty(Body) ? null : JsonNode.Parse(Body);

    public bool IsFor(string conversationId) =>
        ConversationIdHeader == conversationId || RawTarget.Contains("/v3/conversations/" + Uri.EscapeDataString(conversationId) + "/", StringComparison.Ordinal);

    public TimeSpan After(RecordedRequest earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return Stopwatch.GetElapsedTime(earlier.ReceivedTimestamp, ReceivedTimestamp);
    }
}
