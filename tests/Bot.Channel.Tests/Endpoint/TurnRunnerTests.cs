using Stopwatch = System.Diagnostics.Stopwatch;
using Bot.Channel.Auth;
using Bot.Channel.Endpoint;
using Bot.Channel.Protocol;
using Bot.Channel.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Channel.Tests.Endpoint;

/// <summary>The queue behind the acknowledgement, driven through a processor that can hold a conversation's turns.</summary>
/// <remarks>Waits are bounded (10 s) so a broken runner fails instead of hanging; nothing asserts how fast a turn ran.</remarks>
public sealed class TurnRunnerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private static readonly AuthOutcome Allowed = new(true, true, null);

    private readonly GatedProcessor _processor = new();

    [Fact]
    public async Task SlowConversation_DoesNotDelayOtherConversations()
    {
        using var runner = await StartAsync();
        _processor.HoldWork("a:slow");
        Enqueue(runner, "a:slow", "slow-1", "slow-2", "slow-3");
        await _processor.Started("slow-1").WaitAsync(Bound);

        // Many conversations: with lanes shared by hash, some of them would land behind the slow one.
        var others = Enumerable.Range(0, 40).Select(i => $"other-{i}").ToList();
        foreach (var id in others)
        {
            Assert.True(runner.TryEnqueue(Message("a:" + id, id), Allowed));
        }

        await Task.WhenAll(others.Select(_processor.Finished)).WaitAsync(Bound);
        Assert.Equal(["slow-1"], _processor.OrderIn("a:slow"));

        _processor.ReleaseWork("a:slow");
        await _processor.Finished("slow-3").WaitAsync(Bound);
        Assert.Equal(["slow-1", "slow-2", "slow-3"], _processor.OrderIn("a:slow"));
    }

    [Fact]
    public async Task ConversationWaitingForItsSendBudget_DoesNotHoldASlot()
    {
        // One slot: if the paced conversation held it while waiting, nothing else could run.
        using var runner = await StartAsync(maxConcurrent: 1);
        _processor.HoldBudget("a:chatty");
        Enqueue(runner, "a:chatty", "chatty-1", "chatty-2");
        Enqueue(runner, "a:steady", "steady-1", "steady-2");

        await Task.WhenAll(_processor.Finished("steady-1"), _processor.Finished("steady-2")).WaitAsync(Bound);
        Assert.Empty(_processor.OrderIn("a:chatty"));

        _processor.ReleaseBudget("a:chatty");
        await _processor.Finished("chatty-2").WaitAsync(Bound);
        Assert.Equal(["chatty-1", "chatty-2"], _processor.OrderIn("a:chatty"));
    }

    [Fact]
    public async Task ManyConcurrentPosts_EachConversationIsProcessedInArrivalOrderOneAtATime()
    {
        const int Conversations = 12;
        const int PerConversation = 150;
        // Room for every message at once: this test is about order, not refusal (with the default backlog of 1,000 a
        // loaded machine that falls behind refused some of the 1,800, and the test failed on CI).
        using var runner = await StartAsync(maxConcurrent: 4, maxBacklog: Conversations * PerConversation, perConversation: PerConversation);

        // One sender per conversation (so its arrival order is defined), all senders at once. The pauses let queues
        // run dry and be dropped mid-stream, so the next message has to start a new loop without overtaking.
        await Task.WhenAll(Enumerable.Range(0, Conversations).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < PerConversation; i++)
            {
                Assert.True(runner.TryEnqueue(Message($"a:{c}", $"{c}-{i}"), Allowed), $"{c}-{i} was refused");
                if (i % 10 == c % 10)
                {
                    await Task.Delay(1);
                }
            }
        })));

        await Task.WhenAll(Enumerable.Range(0, Conversations).Select(c => _processor.Finished($"{c}-{PerConversation - 1}"))).WaitAsync(Bound);
        for (var c = 0; c < Conversations; c++)
        {
            Assert.Equal(Enumerable.Range(0, PerConversation).Select(i => $"{c}-{i}"), _processor.OrderIn($"a:{c}"));
        }

        Assert.Equal(0, _processor.Overlaps);
    }

    [Fact]
    public async Task ConcurrencyCap_IsReachedButNeverExceeded()
    {
        using var runner = await StartAsync(maxConcurrent: 3);
        var conversations = Enumerable.Range(0, 10).Select(c => $"a:{c}").ToList();
        foreach (var conversation in conversations)
        {
            _processor.HoldWork(conversation);
            Enqueue(runner, conversation, [.. Enumerable.Range(0, 5).Select(i => $"{conversation}-{i}")]);
        }

        // Every conversation's first turn is past its budget wait and wants a slot; only three may be working.
        await Eventually(() => _processor.Running == 3 && _processor.ConversationsAskingForBudget == 10, "three running, ten waiting");
        await Task.Delay(200);
        Assert.Equal(3, _processor.Running);

        foreach (var conversation in conversations)
        {
            _processor.ReleaseWork(conversation);
        }

        await Task.WhenAll(conversations.Select(c => _processor.Finished($"{c}-4"))).WaitAsync(Bound);
        Assert.Equal(50, _processor.Order.Count);
        Assert.Equal(3, _processor.MaxRunning);
    }

    [Fact]
    public async Task FullBacklog_RefusesTheTurnAndNeverRunsItOutOfOrder()
    {
        using var runner = await StartAsync(maxBacklog: 3);
        _processor.HoldWork("a:1");
        Enqueue(runner, "a:1", "1-1", "1-2", "1-3");

        Assert.False(runner.TryEnqueue(Message("a:1", "1-4"), Allowed));
        Assert.False(runner.TryEnqueue(Message("a:2", "2-1"), Allowed));

        _processor.ReleaseWork("a:1");
        await _processor.Finished("1-3").WaitAsync(Bound);
        await Eventually(() => runner.ActiveConversations == 0, "the backlog to empty");

        // Room again: the next message is taken and answered after the ones before it.
        Assert.True(runner.TryEnqueue(Message("a:1", "1-5"), Allowed));
        await _processor.Finished("1-5").WaitAsync(Bound);
        Assert.Equal(["1-1", "1-2", "1-3", "1-5"], _processor.OrderIn("a:1"));
        Assert.DoesNotContain("2-1", _processor.Order);
    }

    [Fact]
    public async Task FullConversationBacklog_RefusesOnlyThatConversation()
    {
        using var runner = await StartAsync(perConversation: 2);
        _processor.HoldWork("a:1");
        Enqueue(runner, "a:1", "1-1");
        await _processor.Started("1-1").WaitAsync(Bound);
        Enqueue(runner, "a:1", "1-2", "1-3");

        Assert.False(runner.TryEnqueue(Message("a:1", "1-4"), Allowed));
        Assert.True(runner.TryEnqueue(Message("a:2", "2-1"), Allowed));
        await _processor.Finished("2-1").WaitAsync(Bound);

        _processor.ReleaseWork("a:1");
        await _processor.Finished("1-3").WaitAsync(Bound);
        Assert.Equal(["1-1", "1-2", "1-3"], _processor.OrderIn("a:1"));
    }

    [Fact]
    public async Task Stop_WaitsForAcceptedTurnsAndRefusesNewOnes()
    {
        using var runner = await StartAsync();
        _processor.HoldWork("a:1");
        _processor.HoldBudget("a:2");
        Enqueue(runner, "a:1", "1-1", "1-2");
        Enqueue(runner, "a:2", "2-1");
        await _processor.Started("1-1").WaitAsync(Bound);

        var stop = runner.StopAsync(CancellationToken.None);

        Assert.False(stop.IsCompleted);
        Assert.False(runner.TryEnqueue(Message("a:3", "3-1"), Allowed));
        _processor.ReleaseWork("a:1");
        _processor.ReleaseBudget("a:2");
        await stop.WaitAsync(Bound);
        Assert.Equal(["1-1", "1-2"], _processor.OrderIn("a:1"));
        Assert.Equal(["2-1"], _processor.OrderIn("a:2"));
        Assert.Empty(_processor.OrderIn("a:3"));
    }

    [Fact]
    public async Task Stop_HostShutdownTimeout_ReturnsWithoutWaitingForever()
    {
        using var runner = await StartAsync();
        _processor.HoldWork("a:1");
        Enqueue(runner, "a:1", "1-1");
        await _processor.Started("1-1").WaitAsync(Bound);
        using var timeout = new CancellationTokenSource();
        await timeout.CancelAsync();

        await runner.StopAsync(timeout.Token).WaitAsync(Bound);

        _processor.ReleaseWork("a:1");
        await _processor.Finished("1-1").WaitAsync(Bound);
    }

    [Fact]
    public async Task WhenIdle_CompletesOnceTheConversationsTurnsAreDone_AtOnceForAQuietOne()
    {
        using var runner = await StartAsync();
        _processor.HoldWork("a:busy");
        Enqueue(runner, "a:busy", "busy-1", "busy-2");
        await _processor.Started("busy-1").WaitAsync(Bound);

        var busy = runner.WhenIdleAsync("a:busy");
        var quiet = runner.WhenIdleAsync("a:quiet");

        Assert.True(quiet.IsCompleted);
        await Task.Delay(100);
        Assert.False(busy.IsCompleted);

        _processor.ReleaseWork("a:busy");
        await busy.WaitAsync(Bound);
        Assert.Equal(["busy-1", "busy-2"], _processor.OrderIn("a:busy"));
        Assert.True(runner.WhenIdleAsync("a:busy").IsCompleted);
    }

    [Fact]
    public async Task IdleConversations_TheirQueuesAreReleased()
    {
        using var runner = await StartAsync();
        _processor.HoldWork("a:held");
        Enqueue(runner, "a:held", "held-1");
        for (var c = 0; c < 100; c++)
        {
            Enqueue(runner, $"a:{c}", $"{c}-1", $"{c}-2");
        }

        await Task.WhenAll(Enumerable.Range(0, 100).Select(c => _processor.Finished($"{c}-2"))).WaitAsync(Bound);
        await Eventually(() => runner.ActiveConversations == 1, "only the held conversation to keep a queue");

        _processor.ReleaseWork("a:held");
        await Eventually(() => runner.ActiveConversations == 0, "no queue left");

        // A released conversation that speaks again gets a new queue and is answered.
        Enqueue(runner, "a:7", "7-3");
        await _processor.Finished("7-3").WaitAsync(Bound);
        Assert.Equal(["7-1", "7-2", "7-3"], _processor.OrderIn("a:7"));
    }

    private async Task<TurnRunner> StartAsync(int maxConcurrent = 4, int maxBacklog = 1000, int perConversation = 100)
    {
        var options = new TurnOptions { MaxConcurrent = maxConcurrent, MaxBacklog = maxBacklog, MaxBacklogPerConversation = perConversation };
        var runner = new TurnRunner(_processor, Options.Create(options), NullLogger<TurnRunner>.Instance);
        await runner.StartAsync(CancellationToken.None);
        return runner;
    }

    private static void Enqueue(TurnRunner runner, string conversationId, params string[] activityIds)
    {
        foreach (var id in activityIds)
        {
            Assert.True(runner.TryEnqueue(Message(conversationId, id), Allowed), $"{id} was refused");
        }
    }

    private static Activity Message(string conversationId, string id) => new()
    {
        Type = ActivityTypes.Message,
        Id = id,
        Conversation = new ConversationAccount { Id = conversationId },
        Text = "help",
    };

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > Bound)
            {
                throw new TimeoutException($"Waited {Bound.TotalSeconds} s for {what}.");
            }

            await Task.Delay(10);
        }
    }
}
