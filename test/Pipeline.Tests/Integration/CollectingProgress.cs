using HotRepos.Reports;

namespace HotRepos.Tests.Integration;

/// <summary>Records every report synchronously; <see cref="Progress{T}"/> would post them asynchronously.</summary>
internal sealed class CollectingProgress : IProgress<ReportProgress>
{
    private readonly Lock _gate = new();
    private readonly List<ReportProgress> _reports = [];

    public IReadOnlyList<ReportProgress> Reports
    {
        get
        {
            lock (_gate)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(ReportProgress value)
    {
        lock (_gate)
        {
            _reports.Add(value);
        }
    }
}
