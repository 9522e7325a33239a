using Microsoft.Extensions.Options;

namespace HotRepos.GitHub;

/// <summary>
/// Caps the GitHub requests in flight across every report of the process at
/// <see cref="GitHubOptions.MaxParallelism"/>; each report's Dataflow block has the same cap on its own.
/// </summary>
internal sealed class FetchConcurrencyLimiter(IOptions<GitHubOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxParallelism, options.Value.MaxParallelism);

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await action(cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
