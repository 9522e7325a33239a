using HotRepos.Jobs;
using Microsoft.Extensions.Options;

namespace HotRepos.Tests.Jobs;

public sealed class JobQueueTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task RequeueAsync_IdAlreadyWaiting_IsTakenOnce()
    {
        var sut = CreateSut(capacity: 10);
        sut.TryEnqueue("a");
        await sut.RequeueAsync("a", Ct);
        sut.TryEnqueue("b");

        var taken = await TakeAsync(sut, 2);

        Assert.Equal(["a", "b"], taken);
    }

    [Fact]
    public async Task TryEnqueue_AfterTheIdWasTaken_QueuesItAgain()
    {
        var sut = CreateSut(capacity: 10);
        sut.TryEnqueue("a");
        await TakeAsync(sut, 1);

        Assert.True(sut.TryEnqueue("a"));
        Assert.Equal(["a"], await TakeAsync(sut, 1));
    }

    [Fact]
    public void TryEnqueue_Full_ReturnsFalseAndForgetsTheId()
    {
        var sut = CreateSut(capacity: 1);
        Assert.True(sut.TryEnqueue("a"));

        Assert.False(sut.TryEnqueue("b"));
        Assert.False(sut.TryEnqueue("b"));
    }

    private static JobQueue CreateSut(int capacity) => new(Options.Create(new JobsOptions { QueueCapacity = capacity }));

    private static async Task<List<string>> TakeAsync(JobQueue queue, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var taken = new List<string>();
        await foreach (var id in queue.ReadAllAsync(timeout.Token))
        {
            taken.Add(id);
            if (taken.Count == count)
            {
                break;
            }
        }

        // Nothing else may be waiting: a duplicate would show up here.
        using var shortWait = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var extra in queue.ReadAllAsync(shortWait.Token))
            {
                taken.Add(extra);
                break;
            }

            shortWait.Token.ThrowIfCancellationRequested();
        });
        return taken;
    }
}
