using HotRepos.GitHubEmulator;
using HotRepos.Jobs;
using HotRepos.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HotRepos.Tests.Jobs;

/// <summary>The worker in a real generic host against the GitHub emulator: jobs run, fail, cancel, stop and resume.</summary>
public sealed class JobWorkerTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    /// <summary>
    /// Moves the clock of the quota tests (13:45:00, windows ending 13:50:00) past the reset and its 1 s skew, then a
    /// second at a time, in case the gate's timer started just after, until <paramref name="done"/> holds.
    /// </summary>
    private Task AdvancePastTheResetUntilAsync(FakeTimeProvider clock, Func<Task<bool>> done, string what)
    {
        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        return Polling.WaitUntilAsync(
            async () =>
            {
                if (await done())
                {
                    return true;
                }

                clock.Advance(TimeSpan.FromSeconds(1));
                return false;
            },
            TimeSpan.FromSeconds(20),
            Ct,
            what);
    }

    [Fact]
    public async Task ExecuteAsync_SeveralQueuedJobs_AllSucceedWithTheirFilesAndFullProgress()
    {
        await using var host = await JobWorkerTestHost.CreateAsync(Ct);
        await host.StartAsync(Ct);

        var queued = new List<JobRecord>();
        foreach (var top in new[] { 150, 160, 270 })
        {
            queued.Add(await host.EnqueueAsync(TestJobs.Request(top), Ct));
        }

        foreach (var job in queued)
        {
            var finished = await host.WaitForFinalAsync(job.Id, Ct);
            Assert.Equal(JobState.Succeeded, finished.State);
            Assert.NotNull(finished.Result);
            Assert.True(File.Exists(finished.Result.FilePath), $"{finished.Result.FilePath} should exist");
            Assert.Equal(host.OutputDirectory, Path.GetDirectoryName(finished.Result.FilePath));
            Assert.Equal(job.Request.Top, finished.Result.Repositories);
            Assert.True(finished.Progress.Total > 0);
            Assert.Equal(finished.Progress.Total, finished.Progress.Done);
            Assert.Equal(finished.Result.PagesFetched, finished.Progress.Done);
            Assert.Equal(1, finished.Attempt);
            Assert.NotNull(finished.StartedAt);
            Assert.NotNull(finished.FinishedAt);
            Assert.Null(finished.Error);
        }
    }

    [Fact]
    public async Task StartAsync_JobsQueuedBeforeTheHostStarts_EachRunsExactlyOnce()
    {
        await using var host = await JobWorkerTestHost.CreateAsync(Ct);
        var queued = new List<JobRecord>();
        foreach (var top in new[] { 10, 11, 12 })
        {
            queued.Add(await host.EnqueueAsync(TestJobs.Request(top), Ct));
        }

        // The queue and the start-up recovery both hand these jobs to the worker: each must still run once.
        await host.StartAsync(Ct);

        foreach (var job in queued)
        {
            var finished = await host.WaitForFinalAsync(job.Id, Ct);
            Assert.Equal(JobState.Succeeded, finished.State);
            Assert.Equal(1, finished.Attempt);
        }

        Assert.Equal(queued.Count, host.Emulator.Stats.TotalRequests);
    }

    [Fact]
    public async Task ExecuteAsync_MaxConcurrentJobsOne_NeverRunsTwoJobsAtOnce()
    {
        await using var host = await JobWorkerTestHost.CreateAsync(
            Ct,
            configureEmulator: o => o with { Faults = new FaultOptions { Latency = TimeSpan.FromMilliseconds(300) } },
            configureJobs: jobs => jobs.MaxConcurrentJobs = 1);
        await host.StartAsync(Ct);
        var queued = new List<JobRecord>();
        foreach (var top in new[] { 10, 11, 12 })
        {
            queued.Add(await host.EnqueueAsync(TestJobs.Request(top), Ct));
        }

        var mostRunning = 0;
        await Polling.WaitUntilAsync(
            async () =>
            {
                var all = await host.Store.ListAsync(null, 50, Ct);
                mostRunning = Math.Max(mostRunning, all.Count(j => j.State == JobState.Running));
                return all.All(j => j.State.IsFinal());
            },
            TimeSpan.FromSeconds(20),
            Ct,
            "every job to finish");

        Assert.Equal(1, mostRunning);
        Assert.Equal(1, host.Emulator.Stats.MaxInFlight);
        Assert.All(await host.Store.ListAsync(null, 50, Ct), j => Assert.Equal(JobState.Succeeded, j.State));
    }

    [Fact]
    public async Task ExecuteAsync_MaxConcurrentJobsTwo_RunsTwoWhileTheOthersWait()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await JobWorkerTestHost.CreateAsync(
            Ct,
            configureEmulator: o => o with { Faults = new FaultOptions { Gate = gate.Task } },
            configureJobs: jobs => jobs.MaxConcurrentJobs = 2);
        await host.StartAsync(Ct);
        try
        {
            var queued = new List<JobRecord>();
            foreach (var top in new[] { 10, 11, 12, 13 })
            {
                queued.Add(await host.EnqueueAsync(TestJobs.Request(top), Ct));
            }

            await Polling.WaitUntilAsync(() => host.Emulator.InFlight == 2, TimeSpan.FromSeconds(20), Ct, "two jobs to reach GitHub");

            var all = await host.Store.ListAsync(null, 50, Ct);
            Assert.Equal(2, all.Count(j => j.State == JobState.Running));
            Assert.Equal(2, all.Count(j => j.State == JobState.Queued));

            gate.SetResult();
            foreach (var job in queued)
            {
                Assert.Equal(JobState.Succeeded, (await host.WaitForFinalAsync(job.Id, Ct)).State);
            }
        }
        finally
        {
            gate.TrySetResult();
        }
    }

    [Fact]
    public async Task ExecuteAsync_PagesFailWith503_JobFailsWithTheReasonAndALaterJobSucceeds()
    {
        await using var host = await JobWorkerTestHost.CreateAsync(
            Ct,
            configureEmulator: o => o with { Faults = new FaultOptions { Rules = [new FaultRule(FaultKind.ServiceUnavailable, QueryContains: "language:Rust")] } },
            configureGitHub: github => github.RetryCount = 1);
        await host.StartAsync(Ct);

        var failing = await host.EnqueueAsync(TestJobs.Request(200) with { Language = "Rust" }, Ct);
        var failed = await host.WaitForFinalAsync(failing.Id, Ct);
        var later = await host.EnqueueAsync(TestJobs.Request(200), Ct);
        var succeeded = await host.WaitForFinalAsync(later.Id, Ct);

        Assert.Equal(JobState.Failed, failed.State);
        Assert.Contains("503", failed.Error, StringComparison.Ordinal);
        Assert.Null(failed.Result);
        Assert.NotNull(failed.FinishedAt);
        Assert.Equal(JobState.Succeeded, succeeded.State);
        Assert.Equal([succeeded.Result!.FilePath], host.FilesInOutput());
    }

    // The first job spends the window's whole quota; the window ends five minutes later, beyond MaxRateLimitWait. A
    // job still in the queue is not a caller that blocks on the answer: it waits for the reset and then runs.
    [Fact]
    public async Task ExecuteAsync_QuotaResetBeyondMaxRateLimitWait_QueuedJobWaitsForTheResetAndSucceeds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 13, 45, 0, TimeSpan.Zero));
        var logs = new CapturingLoggerProvider();
        await using var host = await JobWorkerTestHost.CreateAsync(
            Ct,
            configureEmulator: o => o with { AnonymousRateLimit = 3, RateLimitWindow = TimeSpan.FromMinutes(10), TimeProvider = clock },
            configureGitHub: github =>
            {
                github.MaxRateLimitWait = TimeSpan.FromSeconds(90);
                github.RequestTimeout = TimeSpan.FromMinutes(10);
            },
            configureJobs: jobs => jobs.MaxConcurrentJobs = 1,
            configureServices: services => services
                .AddSingleton<TimeProvider>(clock)
                .AddSingleton<ILoggerProvider>(logs)
                .Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Trace));
        await host.StartAsync(Ct);

        var first = await host.EnqueueAsync(TestJobs.Request(300), Ct);
        var second = await host.EnqueueAsync(TestJobs.Request(250), Ct);
        Assert.Equal(JobState.Succeeded, (await host.WaitForFinalAsync(first.Id, Ct)).State);
        await Polling.WaitUntilAsync(
            async () => logs.Lines.Any(l => l.Contains("Holding GitHub requests", StringComparison.Ordinal))
                || (await host.Store.GetAsync(second.Id, Ct))!.State.IsFinal(),
            TimeSpan.FromSeconds(20),
            Ct,
            "the second job to wait at the rate-limit gate, or to end");
        var waiting = (await host.Store.GetAsync(second.Id, Ct))!;
        Assert.False(waiting.State.IsFinal(), $"the queued job should wait for the reset, not end {waiting.State}: {waiting.Error}");

        await AdvancePastTheResetUntilAsync(clock, async () => (await host.Store.GetAsync(second.Id, Ct))!.State.IsFinal(), "the second job to end after the reset");

        var done = (await host.Store.GetAsync(second.Id, Ct))!;
        Assert.Equal(JobState.Succeeded, done.State);
        Assert.Equal(250, done.Result!.Repositories);
        Assert.Equal(6, host.Emulator.Stats.TotalRequests);
        Assert.Equal(0, host.Emulator.Stats.PrimaryRateLimitRejections);
    }

    // While its pages are held for the quota's reset, a running job says until when, so a reader knows why its
    // progress stands still; once the window has reset and its pages go, the wait is gone again.
    [Fact]
    public async Task GetAsync_PagesHeldForTheQuotaReset_ShowsWaitingUntilTheResetThenNothingOnceTheyGo()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 13, 45, 0, TimeSpan.Zero));
        await using var host = await JobWorkerTestHost.CreateAsync(
            Ct,
            configureEmulator: o => o with { AnonymousRateLimit = 3, RateLimitWindow = TimeSpan.FromMinutes(10), TimeProvider = clock },
            configureGitHub: github => github.RequestTimeout = TimeSpan.FromMinutes(10),
            configureJobs: jobs => jobs.MaxConcurrentJobs = 1,
            configureServices: services => services.AddSingleton<TimeProvider>(clock));
        await host.StartAsync(Ct);

        var first = await host.EnqueueAsync(TestJobs.Request(300), Ct);
        Assert.Equal(JobState.Succeeded, (await host.WaitForFinalAsync(first.Id, Ct)).State);
        Assert.Null((await host.Jobs.GetAsync(first.Id, Ct))!.Progress.WaitingUntil);
        var second = await host.EnqueueAsync(TestJobs.Request(250), Ct);
        await Polling.WaitUntilAsync(
            async () => (await host.Jobs.GetAsync(second.Id, Ct))!.Progress.WaitingUntil is not null,
            TimeSpan.FromSeconds(20),
            Ct,
            "the second job to show its wait for the rate limit");

        // The emulator's 10-minute windows end on the grid (13:50:00); the gate adds its 1 s skew.
        var resetPlusSkew = new DateTimeOffset(2026, 11, 20, 13, 50, 1, TimeSpan.Zero);
        var waiting = (await host.Jobs.GetAsync(second.Id, Ct))!;
        Assert.Equal(JobState.Running, waiting.State);
        Assert.Equal(resetPlusSkew, waiting.Progress.WaitingUntil);
        Assert.Equal(resetPlusSkew, (await host.Jobs.ListAsync(JobState.Running, 10, Ct)).Single().Progress.WaitingUntil);
        Assert.Null((await host.Store.GetAsync(second.Id, Ct))!.Progress.WaitingUntil);

        await AdvancePastTheResetUntilAsync(clock, async () => (await host.Jobs.GetAsync(second.Id, Ct))!.Progress.WaitingUntil is null, "the second job's wait to end after the reset");
        var done = await host.WaitForFinalAsync(second.Id, Ct);
        Assert.Equal(JobState.Succeeded, done.State);
        Assert.Null((await host.Jobs.GetAsync(second.Id, Ct))!.Progress.WaitingUntil);
    }

    [Fact]
    public async Task CancelAsync_RunningJob_EndsCancelledWithoutACsv()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await JobWorkerTestHost.CreateAsync(Ct, configureEmulator: o => o with { Faults = new FaultOptions { Gate = gate.Task } });
        await host.StartAsync(Ct);
        try
        {
            var job = await host.EnqueueAsync(TestJobs.Request(300), Ct);
            await host.WaitForAsync(job.Id, j => j.State == JobState.Running, "running", Ct);
            await Polling.WaitUntilAsync(() => host.Emulator.InFlight > 0, TimeSpan.FromSeconds(20), Ct, "the job's pages to reach GitHub");

            var cancel = await host.Jobs.CancelAsync(job.Id, Ct);
            var finished = await host.WaitForFinalAsync(job.Id, Ct);

            Assert.Equal(CancelOutcome.Cancelling, cancel.Outcome);
            Assert.Equal(JobState.Cancelled, finished.State);
            Assert.Equal("cancelled on request", finished.Error);
            Assert.Null(finished.Result);
            Assert.Empty(host.FilesInOutput());
        }
        finally
        {
            gate.TrySetResult();
        }
    }

    [Fact]
    public async Task CancelAsync_RightAfterTheWorkerMarkedTheJobRunning_StopsItWithoutACsv()
    {
        // The worker marks a job Running, then registers its cancellation handle: cancel in between.
        var store = new PausingJobStore();
        await using var host = await JobWorkerTestHost.CreateAsync(Ct, configureServices: services => services.AddSingleton<IJobStore>(store));
        await host.StartAsync(Ct);
        try
        {
            var job = await host.EnqueueAsync(TestJobs.Request(10), Ct);
            await store.MarkedRunning.WaitAsync(TimeSpan.FromSeconds(20), Ct);

            var cancel = await host.Jobs.CancelAsync(job.Id, Ct);
            store.Release();
            var attempted = await store.FinalWrite.WaitAsync(TimeSpan.FromSeconds(20), Ct);

            Assert.Contains(cancel.Outcome, new[] { CancelOutcome.Cancelled, CancelOutcome.Cancelling });
            Assert.Equal(JobState.Cancelled, (await host.Store.GetAsync(job.Id, Ct))?.State);
            Assert.True(
                host.FilesInOutput().Count == 0,
                $"the job was cancelled ({cancel.Outcome}), yet the worker went on, fetched {host.Emulator.Stats.TotalRequests} page(s), "
                + $"tried to store it as {attempted.State} and left {string.Join(", ", host.FilesInOutput().Select(Path.GetFileName))} that no job refers to");
        }
        finally
        {
            store.Release();
        }
    }

    [Fact]
    public async Task StopAsync_WhileAJobRuns_PutsItBackInTheQueue()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await JobWorkerTestHost.CreateAsync(Ct, configureEmulator: o => o with { Faults = new FaultOptions { Gate = gate.Task } });
        await host.StartAsync(Ct);
        try
        {
            var job = await host.EnqueueAsync(TestJobs.Request(300), Ct);
            await host.WaitForAsync(job.Id, j => j.State == JobState.Running, "running", Ct);
            await Polling.WaitUntilAsync(() => host.Emulator.InFlight > 0, TimeSpan.FromSeconds(20), Ct, "the job's pages to reach GitHub");

            await host.Host.StopAsync(Ct);

            var stored = await host.Store.GetAsync(job.Id, Ct);
            Assert.Equal(JobState.Queued, stored?.State);
            Assert.Null(stored?.StartedAt);
            Assert.Null(stored?.FinishedAt);
            Assert.Empty(host.FilesInOutput());
        }
        finally
        {
            gate.TrySetResult();
        }
    }

    [Fact]
    public async Task StartAsync_StoreHoldsARunningAndAQueuedJob_ResumesBothAndTheRunningOneIsAttemptTwo()
    {
        var data = Directory.CreateTempSubdirectory("hotrepos-recovery-").FullName;
        try
        {
            // What a crashed process left behind: one job mid-run, one waiting.
            var crashed = new SqliteJobStore(Options.Create(new JobsOptions { DataDirectory = data }));
            var wasRunning = TestJobs.Job(key: TestJobs.KeyOf(TestJobs.Request(110)), state: JobState.Running, request: TestJobs.Request(110), createdAt: TestJobs.T0)
                with { Attempt = 1, StartedAt = TestJobs.T0, Progress = new JobProgress(1, 2) };
            var wasQueued = TestJobs.Job(key: TestJobs.KeyOf(TestJobs.Request(120)), request: TestJobs.Request(120), createdAt: TestJobs.T0.AddSeconds(1));
            await crashed.AddAsync(wasRunning, Ct);
            await crashed.AddAsync(wasQueued, Ct);
            SqliteConnection.ClearAllPools();

            await using (var host = await JobWorkerTestHost.CreateAsync(Ct, dataDirectory: data))
            {
                await host.StartAsync(Ct);

                var resumed = await host.WaitForFinalAsync(wasRunning.Id, Ct);
                var queued = await host.WaitForFinalAsync(wasQueued.Id, Ct);

                Assert.Equal(JobState.Succeeded, resumed.State);
                Assert.Equal(2, resumed.Attempt);
                Assert.True(File.Exists(resumed.Result?.FilePath));
                Assert.Equal(JobState.Succeeded, queued.State);
                Assert.Equal(1, queued.Attempt);
                Assert.True(File.Exists(queued.Result?.FilePath));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task ExecuteAsync_RetentionTwo_KeepsTheTwoNewestFinishedJobsAndDeletesOlderFiles()
    {
        await using var host = await JobWorkerTestHost.CreateAsync(Ct, configureJobs: jobs =>
        {
            jobs.Retention = 2;
            jobs.MaxConcurrentJobs = 1;
        });
        await host.StartAsync(Ct);
        var queued = new List<JobRecord>();
        foreach (var top in new[] { 10, 11, 12, 13 })
        {
            queued.Add(await host.EnqueueAsync(TestJobs.Request(top), Ct));
        }

        // A job's file is named after its key; the older jobs may be gone from the store before we look.
        var files = queued.Select(j => Path.Combine(host.OutputDirectory, j.RequestKey)).ToList();

        await Polling.WaitUntilAsync(
            async () => await host.Store.ListAsync(null, 50, Ct) is { Count: 2 } kept && kept.All(j => j.State.IsFinal()),
            TimeSpan.FromSeconds(20),
            Ct,
            "retention to remove the older jobs");

        var kept = await host.Store.ListAsync(null, 50, Ct);
        Assert.Equal([queued[3].Id, queued[2].Id], kept.Select(j => j.Id));
        Assert.All(kept, j => Assert.Equal(JobState.Succeeded, j.State));
        Assert.Equal([files[3], files[2]], kept.Select(j => j.Result?.FilePath));
        Assert.Equal(queued.Count, host.Emulator.Stats.TotalRequests);
        Assert.False(File.Exists(files[0]));
        Assert.False(File.Exists(files[1]));
        Assert.Equal(files[2..].Order(StringComparer.Ordinal), host.FilesInOutput().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_FinalWriteFailsOnce_RetriesItAndTheJobSucceeds()
    {
        var store = new FailingFinalWriteStore(failures: 1);
        await using var host = await JobWorkerTestHost.CreateAsync(Ct, configureServices: services => services.AddSingleton<IJobStore>(store));
        await host.StartAsync(Ct);

        var job = await host.EnqueueAsync(TestJobs.Request(), Ct);
        var finished = await host.WaitForFinalAsync(job.Id, Ct);

        Assert.Equal(job.Id, await store.FinalWriteFailed);
        Assert.Equal(JobState.Succeeded, finished.State);
        Assert.Equal(1, finished.Attempt);
        Assert.True(File.Exists(finished.Result?.FilePath));
    }

    [Fact]
    public async Task EnqueueAsync_SameReportAfterItsFinalWriteKeptFailing_RunsTheStuckJobAgain()
    {
        var store = new FailingFinalWriteStore();
        await using var host = await JobWorkerTestHost.CreateAsync(Ct, configureServices: services => services.AddSingleton<IJobStore>(store));
        await host.StartAsync(Ct);
        var job = await host.EnqueueAsync(TestJobs.Request(), Ct);
        await store.FinalWriteFailed;

        var again = await RequestUntilNotPinnedAsync(host, TestJobs.Request(), force: false);

        Assert.Equal(job.Id, again.Job.Id);
        var finished = await host.WaitForFinalAsync(job.Id, Ct);
        Assert.Equal(JobState.Succeeded, finished.State);
        Assert.Equal(2, finished.Attempt);
        Assert.Single(host.FilesInOutput());
    }

    [Fact]
    public async Task EnqueueAsync_ForceWhileTheSameReportsFinalWriteFails_CreatesANewJobThatSucceeds()
    {
        var store = new FailingFinalWriteStore();
        await using var host = await JobWorkerTestHost.CreateAsync(Ct, configureServices: services => services.AddSingleton<IJobStore>(store));
        await host.StartAsync(Ct);
        var job = await host.EnqueueAsync(TestJobs.Request(), Ct);
        await store.FinalWriteFailed;

        var forced = await host.Jobs.EnqueueAsync(TestJobs.Request(), JobOrigins.Api, force: true, cancellationToken: Ct);

        Assert.Equal(EnqueueOutcome.Created, forced.Outcome);
        Assert.NotEqual(job.Id, forced.Job.Id);
        Assert.Equal(JobState.Succeeded, (await host.WaitForFinalAsync(forced.Job.Id, Ct)).State);
    }

    [Fact]
    public async Task RunAsync_DatabaseTurnsReadOnlyBeforeTheFinalWrite_StoreIsReportedFailingAndTheJobEndsOnceWritable()
    {
        var data = Directory.CreateTempSubdirectory("hotrepos-readonly-").FullName;
        var database = Path.Combine(data, "hotrepos.db");
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await using var host = await JobWorkerTestHost.CreateAsync(
                Ct,
                configureEmulator: o => o with { Faults = new FaultOptions { Gate = hold.Task } },
                dataDirectory: data);
            await host.StartAsync(Ct);
            var health = host.Host.Services.GetRequiredService<IJobsHealth>();
            var job = await host.EnqueueAsync(TestJobs.Request(), Ct);
            await host.WaitForAsync(job.Id, j => j.State == JobState.Running, "running", Ct);

            // Connections already open keep writing; new ones (as after a restart) open the file read-only.
            ReadOnlyFile.Set(database);
            SqliteConnection.ClearAllPools();
            hold.SetResult();
            await Polling.WaitUntilAsync(() => host.FilesInOutput().Any(f => f.EndsWith(".csv", StringComparison.Ordinal)), TimeSpan.FromSeconds(20), Ct, "the CSV");
            var failing = await health.CheckAsync(Ct);
            Assert.False(failing.Healthy, "a read-only database is not healthy");
            Assert.Equal(JobState.Running, (await host.Store.GetAsync(job.Id, Ct))?.State);

            ReadOnlyFile.Clear(database);
            var again = await RequestUntilNotPinnedAsync(host, TestJobs.Request(), force: false);

            Assert.Equal(job.Id, again.Job.Id);
            var finished = await host.WaitForFinalAsync(job.Id, Ct);
            Assert.Equal(JobState.Succeeded, finished.State);
            Assert.True(File.Exists(finished.Result?.FilePath));
            Assert.True((await health.CheckAsync(Ct)).Healthy, "writable again");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (File.Exists(database))
            {
                ReadOnlyFile.Clear(database);
            }

            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Asks for the report again until the answer is not the job as a failed final write left it: Running, with nobody finishing it.</summary>
    private async Task<EnqueueResult> RequestUntilNotPinnedAsync(JobWorkerTestHost host, HotRepos.Requests.ReportRequest request, bool force)
    {
        EnqueueResult? result = null;
        await Polling.WaitUntilAsync(
            async () => (result = await host.Jobs.EnqueueAsync(request, JobOrigins.Api, force, Ct)).Job.State != JobState.Running,
            TimeSpan.FromSeconds(30),
            Ct,
            "a request that is not pinned to the stuck job");
        return result!;
    }
}
