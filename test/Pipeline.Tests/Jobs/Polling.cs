namespace HotRepos.Tests.Jobs;

/// <summary>Waits for background work by polling, with a bounded deadline instead of a fixed sleep.</summary>
internal static class Polling
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test when <paramref name="timeout"/> passes first.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken, string? what = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (!await condition())
            {
                await Task.Delay(Interval, TimeProvider.System, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"timed out after {timeout.TotalSeconds:0.#} s waiting for {what ?? "the condition"}");
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test when <paramref name="timeout"/> passes first.</summary>
    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken, string? what = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, cancellationToken, what);
}
