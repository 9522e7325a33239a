using System.Collections.Concurrent;

namespace HotRepos.GitHubEmulator;

/// <summary>Thread-safe counters for assertions. Status 0 means the connection was aborted before a status line.</summary>
internal sealed class EmulatorStats
{
    private readonly ConcurrentDictionary<int, int> _byStatus = new();
    private readonly ConcurrentDictionary<int, int> _byPage = new();
    private readonly ConcurrentDictionary<FaultKind, int> _faults = new();
    private readonly ConcurrentQueue<RequestLogEntry> _log = new();
    private long _totalRequests;
    private int _maxInFlight;
    private long _primaryRejections;
    private long _secondaryRejections;

    public long TotalRequests => Interlocked.Read(ref _totalRequests);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public long PrimaryRateLimitRejections => Interlocked.Read(ref _primaryRejections);

    public long SecondaryRateLimitRejections => Interlocked.Read(ref _secondaryRejections);

    public IReadOnlyDictionary<int, int> ByStatus => new Dictionary<int, int>(_byStatus);

    /// <summary>Search requests that reached query evaluation, by page number.</summary>
    public IReadOnlyDictionary<int, int> ByPage => new Dictionary<int, int>(_byPage);

    public IReadOnlyDictionary<FaultKind, int> Faults => new Dictionary<FaultKind, int>(_faults);

    public IReadOnlyList<RequestLogEntry> Requests => [.. _log];

    public int CountStatus(int status) => _byStatus.TryGetValue(status, out var n) ? n : 0;

    public int CountPage(int page) => _byPage.TryGetValue(page, out var n) ? n : 0;

    public int CountFault(FaultKind kind) => _faults.TryGetValue(kind, out var n) ? n : 0;

    internal void ObserveInFlight(int inFlight)
    {
        var max = Volatile.Read(ref _maxInFlight);
        while (inFlight > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxInFlight, inFlight, max);
            if (seen == max)
            {
                return;
            }

            max = seen;
        }
    }

    internal void RecordPage(int page) => _byPage.AddOrUpdate(page, 1, static (_, n) => n + 1);

    internal void RecordFault(FaultKind kind) => _faults.AddOrUpdate(kind, 1, static (_, n) => n + 1);

    internal void RecordPrimaryRejection() => Interlocked.Increment(ref _primaryRejections);

    internal void RecordSecondaryRejection() => Interlocked.Increment(ref _secondaryRejections);

    internal void Record(RequestLogEntry entry)
    {
        Interlocked.Increment(ref _totalRequests);
        _byStatus.AddOrUpdate(entry.Status, 1, static (_, n) => n + 1);
        _log.Enqueue(entry);
    }
}
