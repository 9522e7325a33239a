using HotRepos.Jobs;
using HotRepos.Reports;
using HotRepos.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using HotRepos.Requests;

namespace HotRepos.Tests.Jobs;

/// <summary><see cref="IReportJobs"/> as <c>AddHotRepos</c> wires it, on a fake clock; hosted services are not started, so nothing runs.</summary>
public sealed class ReportJobsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 27);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly string _output = Directory.CreateTempSubdirectory("hotrepos-reportjobs-").FullName;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private ServiceProvider? _services;

    private CancellationToken Ct => _timeout.Token;

    private IJobStore Store => _services!.GetRequiredService<IJobStore>();

    private IReportSchedules Schedules => _services!.GetRequiredService<IReportSchedules>();

    public void Dispose()
    {
        _services?.Dispose();
        _timeout.Dispose();
        Directory.Delete(_output, recursive: true);
    }

    [Fact]
    public async Task EnqueueAsync_NewRequest_ReturnsCreatedQueuedJobDatedTodayOfTheClock()
    {
        var sut = CreateSut();

        var result = await sut.EnqueueAsync(new ReportRequest { Period = Period.Week, Top = 50 }, JobOrigins.Api, cancellationToken: Ct);

        Assert.Equal(EnqueueOutcome.Created, result.Outcome);
        Assert.Equal(JobState.Queued, result.Job.State);
        Assert.Equal(Today, result.Job.Request.ReferenceDate);
        Assert.Equal(Now, result.Job.CreatedAt);
        Assert.Equal(JobOrigins.Api, result.Job.Origin);
        Assert.Equal("github-hot-repos-week-2026-11-20-top50.csv", result.Job.RequestKey);
        Assert.Matches("^[0-9a-f]{32}$", result.Job.Id);
        Assert.Equal(result.Job, await Store.GetAsync(result.Job.Id, Ct));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EnqueueAsync_IdenticalRequestWhileQueued_ReturnsTheExistingJob(bool secondNamesTodayExplicitly)
    {
        var sut = CreateSut();
        var request = new ReportRequest { Period = Period.Day, Top = 20 };
        var first = await sut.EnqueueAsync(request, JobOrigins.Api, cancellationToken: Ct);
        _time.Advance(TimeSpan.FromMinutes(5));

        var second = await sut.EnqueueAsync(secondNamesTodayExplicitly ? request with { ReferenceDate = Today } : request, JobOrigins.Cli, cancellationToken: Ct);

        Assert.Equal(EnqueueOutcome.Existing, second.Outcome);
        Assert.Equal(first.Job.Id, second.Job.Id);
        Assert.Single(await Store.ListAsync(null, 50, Ct));
    }

    [Fact]
    public async Task EnqueueAsync_IdenticalRequestWhileThisProcessRunsIt_ReturnsTheExistingJob()
    {
        var sut = CreateSut();
        var first = await StartRunningAsync(sut, runHere: true);

        var second = await sut.EnqueueAsync(TestJobs.Request(), JobOrigins.Api, cancellationToken: Ct);

        Assert.Equal(EnqueueOutcome.Existing, second.Outcome);
        Assert.Equal(first.Id, second.Job.Id);
        Assert.Equal(JobState.Running, second.Job.State);
    }

    [Fact]
    public async Task EnqueueAsync_ForceWhileThisProcessRunsIt_CreatesANewJob()
    {
        var sut = CreateSut();
        var first = await StartRunningAsync(sut, runHere: true);

        var forced = await sut.EnqueueAsync(TestJobs.Request(), JobOrigins.Api, force: true, cancellationToken: Ct);

        Assert.Equal(EnqueueOutcome.Created, forced.Outcome);
        Assert.NotEqual(first.Id, forced.Job.Id);
        Assert.Equal(JobState.Running, (await Store.GetAsync(first.Id, Ct))?.State);
    }

    [Fact]
    public async Task EnqueueAsync_IdenticalRequestWhileRunningWithNobodyRunningIt_QueuesThatJobAgain()
    {
        var sut = CreateSut();
        var stuck = await StartRunningAsync(sut, runHere: false);

        var second = await sut.EnqueueAsync(TestJobs.Request(), JobOrigins.Api, cancellationToken: Ct);

        Assert.Equal(EnqueueOutcome.Existing, second.Outcome);
        Assert.Equal(stuck.Id, second.Job.Id);
        Assert.Equal(JobState.Queued, second.Job.State);
        Assert.Equal(JobState.Queued, (await Store.GetAsync(stuck.Id, Ct))?.State);
        await using var taken = _services!.GetRequiredService<JobQueue>().ReadAllAsync(Ct).GetAsyncEnumerator(Ct);
        Assert.True(await taken.MoveNextAsync());
        Assert.Equal(stuck.Id, taken.Current);
    }

    [Fact]
    public async Task EnqueueAsync_ForceWhileRunningWithNobodyRunningIt_FailsThatJobAndCreatesANewOne()
    {
        var sut = CreateSut();
        var stuck = await StartRunningAsync(sut, runHere: false);

        var forced = await sut.EnqueueAsync(TestJobs.Request(), JobOrigins.Api, force: true, cancellationToken: Ct);

        Assert.Equal(EnqueueOutcome.Created, forced.Outcome);
        Assert.NotEqual(stuck.Id, forced.Job.Id);
        var failed = await Store.GetAsync(stuck.Id, Ct);
        Assert.Equal(JobState.Failed, failed?.State);
        Assert.Equal(Now, failed?.FinishedAt);
        Assert.StartsWith("interrupted: ", failed?.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnqueueAsync_ManyIdenticalRequestsAtOnce_CreateOneJob()
    {
        var sut = CreateSut();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => sut.EnqueueAsync(TestJobs.Request(), JobOrigins.Api, cancellationToken: Ct), Ct)));

        Assert.Single(results, r => r.Outcome == EnqueueOutcome.Created);
        Assert.Single(results.Select(r => r.Job.Id).Distinct());
        Assert.Single(await Store.ListAsync(null, 50, Ct));
    }

    [Theory]
    [InlineData(0, null, null, "top")]
    [InlineData(10001, null, null, "top")]
    [InlineData(10, 1, null, "date")]
    [InlineData(10, null, -1, "minStars")]
    public async Task EnqueueAsync_InvalidRequest_ThrowsWithTheErrorsAndStoresNothing(int top, int? daysAfterToday, int? minStars, string field)
    {
        var sut = CreateSut();
        var request = new ReportRequest
        {
            Top = top,
            ReferenceDate = daysAfterToday is { } days ? Today.AddDays(days) : null,
            MinStars = minStars,
        };

        var failure = await Assert.ThrowsAsync<ReportRequestException>(() => sut.EnqueueAsync(request, JobOrigins.Api, cancellationToken: Ct));

        Assert.Equal(field, Assert.Single(failure.Errors).Field);
        Assert.Empty(await Store.ListAsync(null, 50, Ct));
    }

    [Fact]
    public async Task EnqueueAsync_IdenticalReportSucceededAndItsFileExists_ReturnsReused()
    {
        var sut = CreateSut();
        var first = await SucceedAsync(await sut.EnqueueAsync(TestJobs.Request(), JobOrigins.Api, cancellationToken: Ct));

        var second = await sut.EnqueueAsync(TestJobs.Request(), JobOrigins.Cli, cancellationToken: Ct);

        Assert.Equal(EnqueueOutcome.Reused, second.Outcome);
        Assert.Equal(first.Id, second.Job.Id);
        Assert.Equal(JobState.Succeeded, second.Job.State);
        Assert.Single(await Store.ListAsync(null, 50, Ct));
    }

    [Fact]
    public async Task EnqueueAsync_IdenticalReportSucceededWithForce_ReturnsCreated()
    {
        var sut = CreateSut();
        var first = await SucceedAsync(await sut.EnqueueAsync(TestJobs.Request(), JobOrigins.Api, cancellationToken: Ct));

        var second = await sut.EnqueueAsync(TestJobs.Request(), JobOrigins.Api, force: true, cancellationToken: Ct);

        Assert.Equal(EnqueueOutcome.Created, second.Outcome);
        Assert.NotEqual(first.Id, second.Job.Id);
        Assert.Equal(JobState.Queued, second.Job.State);
        Assert.Equal(2, (await Store.ListAsync(null, 50, Ct)).Count);
    }

    [Fact]
    public async Task EnqueueAsync_IdenticalReportSucceededButItsFileWasDeleted_ReturnsCreated()
    {
        var sut = CreateSut();
        var first = await SucceedAsync(await sut.EnqueueAsync(TestJobs.Request(), JobOrigins.Api, cancellationToken: Ct));
        File.Delete(first.Result!.FilePath);

        var second = await sut.EnqueueAsync(TestJobs.Request(), JobOrigins.Api, cancellationToken: Ct);

        Assert.Equal(EnqueueOutcome.Created, second.Outcome);
        Assert.NotEqual(first.Id, second.Job.Id);
    }

    [Theory]
    [InlineData(JobState.Failed)]
    [InlineData(JobState.Cancelled)]
    public async Task EnqueueAsync_IdenticalJobEndedWithoutAFile_ReturnsCreated(JobState final)
    {
        var sut = CreateSut();
        var first = await sut.EnqueueAsync(TestJobs.Request(), JobOrigins.Api, cancellationToken: Ct);
        Assert.True(await Store.TryUpdateAsync(first.Job with { State = final, Error = "x" }, JobState.Queued, Ct));

        var second = await sut.EnqueueAsync(TestJobs.Request(), JobOrigins.Api, cancellationToken: Ct);

        Assert.Equal(EnqueueOutcome.Created, second.Outcome);
        Assert.NotEqual(first.Job.Id, second.Job.Id);
    }

    [Fact]
    public async Task EnqueueAsync_QueueFull_ThrowsQueueFullExceptionAndStoresOnlyTheQueuedJobs()
    {
        var sut = CreateSut(jobs => jobs.QueueCapacity = 2);
        var first = await sut.EnqueueAsync(TestJobs.Request(10), JobOrigins.Api, cancellationToken: Ct);
        var second = await sut.EnqueueAsync(TestJobs.Request(11), JobOrigins.Api, cancellationToken: Ct);

        await Assert.ThrowsAsync<QueueFullException>(() => sut.EnqueueAsync(TestJobs.Request(12), JobOrigins.Api, cancellationToken: Ct));

        var stored = await Store.ListAsync(null, 50, Ct);
        Assert.Equal(
            new[] { first.Job.Id, second.Job.Id }.Order(StringComparer.Ordinal),
            stored.Select(j => j.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CancelAsync_QueuedJob_ReturnsCancelledAndStoresCancelled()
    {
        var sut = CreateSut();
        var queued = await sut.EnqueueAsync(TestJobs.Request(), JobOrigins.Api, cancellationToken: Ct);
        _time.Advance(TimeSpan.FromSeconds(3));

        var result = await sut.CancelAsync(queued.Job.Id, Ct);

        Assert.Equal(CancelOutcome.Cancelled, result.Outcome);
        Assert.Equal(JobState.Cancelled, result.Job?.State);
        var stored = await Store.GetAsync(queued.Job.Id, Ct);
        Assert.Equal(JobState.Cancelled, stored?.State);
        Assert.Equal(Now.AddSeconds(3), stored?.FinishedAt);
        Assert.False(string.IsNullOrEmpty(stored?.Error));
    }

    [Theory]
    [InlineData(JobState.Succeeded)]
    [InlineData(JobState.Failed)]
    [InlineData(JobState.Cancelled)]
    public async Task CancelAsync_FinishedJob_ReturnsAlreadyFinishedAndChangesNothing(JobState final)
    {
        var sut = CreateSut();
        var queued = await sut.EnqueueAsync(TestJobs.Request(), JobOrigins.Api, cancellationToken: Ct);
        var finished = queued.Job with { State = final, Error = "the original reason", FinishedAt = Now };
        Assert.True(await Store.TryUpdateAsync(finished, JobState.Queued, Ct));

        var result = await sut.CancelAsync(queued.Job.Id, Ct);

        Assert.Equal(CancelOutcome.AlreadyFinished, result.Outcome);
        var stored = await Store.GetAsync(queued.Job.Id, Ct);
        Assert.Equal(final, stored?.State);
        Assert.Equal("the original reason", stored?.Error);
    }

    [Fact]
    public async Task CancelAsync_JobRunningInThisProcess_ReturnsCancellingAndSignalsTheJob()
    {
        var sut = CreateSut();
        var queued = await sut.EnqueueAsync(TestJobs.Request(), JobOrigins.Api, cancellationToken: Ct);
        Assert.True(await Store.TryUpdateAsync(queued.Job with { State = JobState.Running, Attempt = 1 }, JobState.Queued, Ct));
        using var jobCancellation = new CancellationTokenSource();
        _services!.GetRequiredService<RunningJobs>().Add(queued.Job.Id, jobCancellation);

        var result = await sut.CancelAsync(queued.Job.Id, Ct);

        Assert.Equal(CancelOutcome.Cancelling, result.Outcome);
        Assert.True(jobCancellation.IsCancellationRequested);

        // The worker, not the cancel request, writes the final state.
        Assert.Equal(JobState.Running, (await Store.GetAsync(queued.Job.Id, Ct))?.State);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("../etc")]
    [InlineData("ABC")]
    public async Task CancelAsync_UnknownId_ReturnsNotFound(string id)
    {
        var sut = CreateSut();
        await sut.EnqueueAsync(TestJobs.Request(), JobOrigins.Api, cancellationToken: Ct);

        var result = await sut.CancelAsync(id, Ct);

        Assert.Equal(CancelOutcome.NotFound, result.Outcome);
        Assert.Null(result.Job);
    }

    [Fact]
    public async Task GetAsync_KnownId_ReturnsTheJob()
    {
        var sut = CreateSut();
        var queued = await sut.EnqueueAsync(TestJobs.Request(), JobOrigins.Api, cancellationToken: Ct);

        Assert.Equal(queued.Job, await sut.GetAsync(queued.Job.Id, Ct));
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("ABC")]
    [InlineData("")]
    [InlineData("0123456789abcdef0123456789abcdeg")]
    public async Task GetAsync_MalformedId_ReturnsNull(string id)
    {
        var sut = CreateSut();

        Assert.Null(await sut.GetAsync(id, Ct));
    }

    [Fact]
    public async Task GetAsync_UppercaseFormOfAKnownId_ReturnsNull()
    {
        var sut = CreateSut();
        var queued = await sut.EnqueueAsync(TestJobs.Request(), JobOrigins.Api, cancellationToken: Ct);

        Assert.Null(await sut.GetAsync(queued.Job.Id.ToUpperInvariant(), Ct));
    }

    [Fact]
    public async Task ListAsync_SeveralJobs_ReturnsNewestFirstFilteredAndLimited()
    {
        var sut = CreateSut();
        var ids = new List<string>();
        for (var top = 10; top < 14; top++)
        {
            ids.Add((await sut.EnqueueAsync(TestJobs.Request(top), JobOrigins.Api, cancellationToken: Ct)).Job.Id);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        await sut.CancelAsync(ids[1], Ct);

        Assert.Equal([ids[3], ids[2], ids[1], ids[0]], (await sut.ListAsync(cancellationToken: Ct)).Select(j => j.Id));
        Assert.Equal([ids[3], ids[2]], (await sut.ListAsync(limit: 2, cancellationToken: Ct)).Select(j => j.Id));
        Assert.Equal([ids[1]], (await sut.ListAsync(JobState.Cancelled, cancellationToken: Ct)).Select(j => j.Id));
        Assert.Equal([ids[3], ids[2], ids[0]], (await sut.ListAsync(JobState.Queued, cancellationToken: Ct)).Select(j => j.Id));
    }

    [Fact]
    public async Task ListAsync_LimitBelowOne_Throws()
    {
        var sut = CreateSut();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sut.ListAsync(limit: 0, cancellationToken: Ct));
    }

    [Fact]
    public async Task ListSchedules_DefaultSchedules_ListsNightlyAndWeeklyWithNextRunFromTheClock()
    {
        CreateSut();

        var schedules = await Schedules.ListAsync(Ct);

        Assert.Equal(["nightly", "weekly"], schedules.Select(s => s.Name));
        var nightly = schedules[0];
        Assert.Equal("0 0 * * *", nightly.Cron);
        Assert.Equal("UTC", nightly.TimeZone);
        Assert.True(nightly.Enabled);
        Assert.Equal(Period.Day, nightly.Request.Period);
        Assert.Null(nightly.Request.ReferenceDate);
        Assert.Null(nightly.LastRun);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero), nightly.NextRun);
        var weekly = schedules[1];
        Assert.Equal(Period.Week, weekly.Request.Period);
        Assert.Null(weekly.LastRun);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), weekly.NextRun);
    }

    [Fact]
    public async Task ListSchedules_AfterARunAndWithADisabledSchedule_ShowsLastRunAndNoNextRun()
    {
        CreateSut(configureScheduler: s => s.Schedules["weekly"].Enabled = false);
        var due = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
        await Store.TryRecordScheduleRunAsync("nightly", due, Ct);

        var schedules = await Schedules.ListAsync(Ct);

        Assert.Equal(due, schedules[0].LastRun);
        Assert.False(schedules[1].Enabled);
        Assert.Null(schedules[1].NextRun);
    }

    private IReportJobs CreateSut(Action<JobsOptions>? configureJobs = null, Action<SchedulerOptions>? configureScheduler = null)
    {
        var services = new ServiceCollection()
            .AddLogging()

            // Before AddHotRepos, which only adds TimeProvider.System when none is registered.
            .AddSingleton<TimeProvider>(_time)
            .AddHotRepos(
                github =>
                {
                    // Nothing runs here (the worker is not started), so GitHub is never called.
                    github.BaseUrl = "http://127.0.0.1:9/";
                    github.RetryBaseDelay = TimeSpan.Zero;
                },
                reports => reports.OutputDirectory = _output)
            .AddHotReposJobs(
                jobs =>
                {
                    jobs.Store = JobStoreKind.Memory;
                    configureJobs?.Invoke(jobs);
                },
                configureScheduler);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return _services.GetRequiredService<IReportJobs>();
    }

    /// <summary>Does what the worker would: writes a file and marks the job succeeded with it.</summary>
    private async Task<JobRecord> SucceedAsync(EnqueueResult queued)
    {
        var path = Path.Combine(_output, queued.Job.RequestKey);
        await File.WriteAllTextAsync(path, "rank,full_name\n", Ct);
        var succeeded = queued.Job with
        {
            State = JobState.Succeeded,
            Attempt = 1,
            FinishedAt = _time.GetUtcNow(),
            Result = new ReportResult(path, TestJobs.Today.AddDays(-30), 1, 1, 1, 1, [], TimeSpan.FromSeconds(1)),
        };
        Assert.True(await Store.TryUpdateAsync(succeeded, JobState.Queued, Ct));
        return succeeded;
    }

    /// <summary>Queues the test request, takes it from the queue and marks it Running, as the worker does; <paramref name="runHere"/> says whether this process runs it.</summary>
    private async Task<JobRecord> StartRunningAsync(IReportJobs sut, bool runHere)
    {
        var queued = await sut.EnqueueAsync(TestJobs.Request(), JobOrigins.Api, cancellationToken: Ct);
        await using (var taken = _services!.GetRequiredService<JobQueue>().ReadAllAsync(Ct).GetAsyncEnumerator(Ct))
        {
            Assert.True(await taken.MoveNextAsync());
        }

        var running = queued.Job with { State = JobState.Running, Attempt = 1, StartedAt = Now };
        if (runHere)
        {
            _services!.GetRequiredService<RunningJobs>().Add(running.Id, new CancellationTokenSource());
        }

        Assert.True(await Store.TryUpdateAsync(running, JobState.Queued, Ct));
        return running;
    }
}
