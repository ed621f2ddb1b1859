using System.Net;
using System.Net.Http.Headers;
using Bot.Channel.Connector;
using Bot.Channel.Tests.Fakes;

namespace Bot.Channel.Tests.Connector;

public sealed class ConnectorRetryPolicyTests
{
    private static readonly TestClock Clock = new(new DateTimeOffset(2026, 6, 18, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public void RetryAfter_DeltaSeconds_IsUsed()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(3), ConnectorResilience.RetryAfter(response, Clock, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void RetryAfter_HttpDate_IsMeasuredFromTheClock()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(Clock.Now.AddSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), ConnectorResilience.RetryAfter(response, Clock, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void RetryAfter_DateInThePast_IsZero()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(Clock.Now.AddSeconds(-30));

        Assert.Equal(TimeSpan.Zero, ConnectorResilience.RetryAfter(response, Clock, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void RetryAfter_LongerThanTheCap_IsCapped()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.FromSeconds(60), ConnectorResilience.RetryAfter(response, Clock, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void RetryAfter_Missing_LeavesTheBackoffToDecide()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Null(ConnectorResilience.RetryAfter(response, Clock, TimeSpan.FromSeconds(60)));
    }

    [Theory]
    [InlineData(412, true)]
    [InlineData(429, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(400, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(413, false)]
    [InlineData(500, false)]
    [InlineData(501, false)]
    public void IsRetryable_FollowsTeamsGuidance(int status, bool retryable)
    {
        Assert.Equal(retryable, ConnectorResilience.IsRetryable((HttpStatusCode)status));
    }
}
