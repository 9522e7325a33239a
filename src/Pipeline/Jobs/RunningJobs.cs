using System.Collections.Concurrent;

namespace HotRepos.Jobs;

/// <summary>
/// The cancellation handles of the jobs this process is running, so a cancel request can reach them, and until when
/// each waits for GitHub's rate limit, so a reader sees why its progress stands still.
/// </summary>
internal sealed class RunningJobs
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _waiting = new(StringComparer.Ordinal);

    public void Add(string id, CancellationTokenSource cancellation) => _running[id] = cancellation;

    public void Remove(string id)
    {
        _running.TryRemove(id, out _);
        _waiting.TryRemove(id, out _);
    }

    /// <summary>Records until when a running job waits for the rate limit; <see langword="null"/> when it goes on.</summary>
    public void SetWaitingUntil(string id, DateTimeOffset? until)
    {
        if (until is { } time && _running.ContainsKey(id))
        {
            _waiting[id] = time;
        }
        else
        {
            _waiting.TryRemove(id, out _);
        }
    }

    /// <summary>Until when a job this process runs waits for the rate limit, or <see langword="null"/>.</summary>
    public DateTimeOffset? WaitingUntil(string id) => _waiting.TryGetValue(id, out var until) ? until : null;

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
