using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Bot.Channel.Connector;

/// <summary>The connector's retry policy (bot-protocol.md §4.4) as one Polly pipeline shared by all calls.</summary>
/// <remarks>
/// Retried: 412, 429, 502, 503, 504, network errors and per-attempt timeouts — with exponential backoff and jitter,
/// or the server's Retry-After when it sends one. Not retried: every other 4xx (403 blocked, 404 gone, 413 too big)
/// and 500, which Teams documents as not retryable.
/// </remarks>
public sealed class ConnectorResilience
{
    public ConnectorResilience(IOptions<ConnectorOptions> options, TimeProvider time, ILogger<ConnectorResilience> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var settings = options.Value;
        var maxRetryAfter = TimeSpan.FromSeconds(settings.MaxRetryAfterSeconds);
        Pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(settings.RetryBaseDelayMs),
                MaxDelay = maxRetryAfter,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time, maxRetryAfter)),
                OnRetry = args =>
                {
                    logger.LogWarning(
                        "Connector attempt {Attempt} failed with {Outcome}; retrying in {DelayMs} ms",
                        args.AttemptNumber + 1,
                        args.Outcome.Result is { } r ? ((int)r.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name,
                        (long)args.RetryDelay.TotalMilliseconds);

                    // The failed response is not returned to anyone: release its connection before waiting.
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(TimeSpan.FromSeconds(settings.AttemptTimeoutSeconds))
            .Build();
    }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    internal static bool IsRetryable(HttpStatusCode status) => (int)status is 412 or 429 or 502 or 503 or 504;

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => IsRetryable(response.StatusCode),
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        _ => false,
    };

    /// <summary>The server's Retry-After (delta seconds or HTTP date), capped; null lets the backoff decide.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time, TimeSpan max)
    {
        var header = response?.Headers.RetryAfter;
        TimeSpan? wait = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => null,
        };
        if (wait is not { } value)
        {
            return null;
        }

        return value < TimeSpan.Zero ? TimeSpan.Zero : value > max ? max : value;
    }
}

/// <summary>Runs each connector request through <see cref="ConnectorResilience.Pipeline"/>; sits outside the token handler so every attempt gets a token.</summary>
public sealed class ConnectorRetryHandler(ConnectorResilience resilience) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        await resilience.Pipeline.ExecuteAsync(async token => await base.SendAsync(request, token), cancellationToken);
}
