using System.Collections.Concurrent;

namespace HotRepos.Jobs;

/// <summary>The cancellation handles of the jobs this process is running, so a cancel request can reach them.</summary>
internal sealed class RunningJobs
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    public void Add(string id, CancellationTokenSource cancellation) => _running[id] = cancellation;

    public void Remove(string id) => _running.TryRemove(id, out _);

    /// <summary>Whether this process is running the job (from before it is marked Running until its end is stored).</summary>
    public bool IsRunning(string id) => _running.ContainsKey(id);

    /// <summary>Asks a running job to stop; <see langword="false"/> when this process is not running it.</summary>
    public bool TryCancel(string id)
    {
        if (!_running.TryGetValue(id, out var cancellation))
        {
            return false;
        }

        try
        {
            cancellation.Cancel();
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false; // it finished in between
        }
    }
}
