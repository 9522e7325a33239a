using HotRepos.Jobs;
using HotRepos.Ranking;
using HotRepos.Reports;
using HotRepos.Requests;

namespace HotRepos.Tests.Jobs;

/// <summary>What every <see cref="IJobStore"/> must do; each store runs these through a derived class.</summary>
public abstract class JobStoreContractTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    protected CancellationToken Ct => _timeout.Token;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task GetAsync_AfterAddOfAFullRecord_ReturnsEveryField()
    {
        var sut = CreateSut();
        var job = TestJobs.FullJob();

        await sut.AddAsync(job, Ct);
        var stored = await sut.GetAsync(job.Id, Ct);

        Assert.NotNull(stored);
        Assert.Equal(job.Id, stored.Id);
        Assert.Equal(job.Request, stored.Request);
        Assert.Equal(job.RequestKey, stored.RequestKey);
        Assert.Equal(job.Origin, stored.Origin);
        Assert.Equal(job.State, stored.State);
        Assert.Equal(job.Progress, stored.Progress);
        Assert.Equal(job.Attempt, stored.Attempt);
        Assert.Equal(job.CreatedAt.UtcTicks, stored.CreatedAt.UtcTicks);
        Assert.Equal(job.StartedAt?.UtcTicks, stored.StartedAt?.UtcTicks);
        Assert.Equal(job.FinishedAt?.UtcTicks, stored.FinishedAt?.UtcTicks);
        Assert.Equal(job.Error, stored.Error);
        Assert.NotNull(stored.Result);
        Assert.Equal(job.Result!.Warnings, stored.Result.Warnings);
        Assert.Equal(job.Result.TopGroups, stored.Result.TopGroups);
        Assert.Equal(job.Result, stored.Result with { Warnings = job.Result.Warnings, TopGroups = job.Result.TopGroups });
    }

    [SkippableFact]
    public async Task GetAsync_AfterAddOfAMinimalRecord_ReturnsNullsAsNulls()
    {
        var sut = CreateSut();
        var job = TestJobs.Job(request: new ReportRequest());

        await sut.AddAsync(job, Ct);
        var stored = await sut.GetAsync(job.Id, Ct);

        Assert.NotNull(stored);
        Assert.Equal(new ReportRequest { ReferenceDate = TestJobs.Today }, stored.Request);
        Assert.Equal(job.Plan, stored.Plan);
        Assert.Null(stored.StartedAt);
        Assert.Null(stored.FinishedAt);
        Assert.Null(stored.Result);
        Assert.Null(stored.Error);
        Assert.Equal(default, stored.Progress);
        Assert.Equal(0, stored.Attempt);
    }

    [SkippableTheory]
    [InlineData(Period.Day, GroupBy.Language, CsvLayout.Grouped, JobState.Queued)]
    [InlineData(Period.Week, GroupBy.Topic, CsvLayout.Ranked, JobState.Running)]
    [InlineData(Period.Month, GroupBy.Language, CsvLayout.Ranked, JobState.Failed)]
    [InlineData(null, GroupBy.Topic, CsvLayout.Grouped, JobState.Cancelled)]
    public async Task GetAsync_AfterAdd_RoundTripsEnums(Period? period, GroupBy groupBy, CsvLayout layout, JobState state)
    {
        var sut = CreateSut();
        var job = TestJobs.Job(state: state, request: TestJobs.Request() with { Period = period, GroupBy = groupBy, Layout = layout });

        await sut.AddAsync(job, Ct);
        var stored = await sut.GetAsync(job.Id, Ct);

        Assert.NotNull(stored);
        Assert.Equal(job.Request, stored.Request);
        Assert.Equal(state, stored.State);
    }

    [SkippableFact]
    public async Task AddAsync_DuplicateId_ThrowsAndKeepsTheFirst()
    {
        var sut = CreateSut();
        var job = TestJobs.Job();
        await sut.AddAsync(job, Ct);

        await Assert.ThrowsAnyAsync<Exception>(() => sut.AddAsync(job with { Origin = "second" }, Ct));

        Assert.Equal("test", (await sut.GetAsync(job.Id, Ct))?.Origin);
    }

    [SkippableFact]
    public async Task GetAsync_UnknownId_ReturnsNull()
    {
        var sut = CreateSut();
        await sut.AddAsync(TestJobs.Job(), Ct);

        Assert.Null(await sut.GetAsync(TestJobs.NewId(), Ct));
    }

    [SkippableFact]
    public async Task ListAsync_SeveralJobs_ReturnsNewestFirst()
    {
        var sut = CreateSut();
        var jobs = await AddJobsAsync(sut, JobState.Queued, JobState.Succeeded, JobState.Running, JobState.Failed);

        var listed = await sut.ListAsync(null, 50, Ct);

        Assert.Equal(jobs.Select(j => j.Id).Reverse(), listed.Select(j => j.Id));
    }

    [SkippableTheory]
    [InlineData(JobState.Queued, new[] { 0, 4 })]
    [InlineData(JobState.Succeeded, new[] { 1, 3 })]
    [InlineData(JobState.Running, new[] { 2 })]
    [InlineData(JobState.Cancelled, new int[0])]
    public async Task ListAsync_StateFilter_ReturnsOnlyJobsInThatStateNewestFirst(JobState state, int[] expectedIndexes)
    {
        var sut = CreateSut();
        var jobs = await AddJobsAsync(sut, JobState.Queued, JobState.Succeeded, JobState.Running, JobState.Succeeded, JobState.Queued);

        var listed = await sut.ListAsync(state, 50, Ct);

        Assert.Equal(expectedIndexes.Reverse().Select(i => jobs[i].Id), listed.Select(j => j.Id));
    }

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    public async Task ListAsync_Limit_ReturnsAtMostThatManyNewestJobs(int limit)
    {
        var sut = CreateSut();
        var jobs = await AddJobsAsync(sut, JobState.Queued, JobState.Queued, JobState.Running, JobState.Succeeded, JobState.Failed);

        var listed = await sut.ListAsync(null, limit, Ct);

        Assert.Equal(jobs.Select(j => j.Id).Reverse().Take(limit), listed.Select(j => j.Id));
    }

    [SkippableFact]
    public async Task ListAsync_LimitWithStateFilter_AppliesTheLimitAfterTheFilter()
    {
        var sut = CreateSut();
        var jobs = await AddJobsAsync(sut, JobState.Succeeded, JobState.Queued, JobState.Succeeded, JobState.Queued, JobState.Queued);

        var listed = await sut.ListAsync(JobState.Succeeded, 1, Ct);

        Assert.Equal([jobs[2].Id], listed.Select(j => j.Id));
    }

    [SkippableFact]
    public async Task FindAsync_KeyAndStates_ReturnsTheNewestMatch()
    {
        var sut = CreateSut();
        var older = TestJobs.Job(key: "k", state: JobState.Succeeded, createdAt: TestJobs.T0);
        var newer = TestJobs.Job(key: "k", state: JobState.Succeeded, createdAt: TestJobs.T0.AddMinutes(5));
        var otherKey = TestJobs.Job(key: "other", state: JobState.Succeeded, createdAt: TestJobs.T0.AddMinutes(10));
        var otherState = TestJobs.Job(key: "k", state: JobState.Failed, createdAt: TestJobs.T0.AddMinutes(15));
        foreach (var job in new[] { older, newer, otherKey, otherState })
        {
            await sut.AddAsync(job, Ct);
        }

        var found = await sut.FindAsync("k", [JobState.Succeeded], Ct);

        Assert.Equal(newer.Id, found?.Id);
    }

    [SkippableFact]
    public async Task FindAsync_SeveralStates_MatchesAnyOfThem()
    {
        var sut = CreateSut();
        var queued = TestJobs.Job(key: "k", state: JobState.Queued, createdAt: TestJobs.T0);
        var running = TestJobs.Job(key: "k", state: JobState.Running, createdAt: TestJobs.T0.AddMinutes(1));
        var succeeded = TestJobs.Job(key: "k", state: JobState.Succeeded, createdAt: TestJobs.T0.AddMinutes(2));
        foreach (var job in new[] { queued, running, succeeded })
        {
            await sut.AddAsync(job, Ct);
        }

        var found = await sut.FindAsync("k", [JobState.Queued, JobState.Running], Ct);

        Assert.Equal(running.Id, found?.Id);
    }

    [SkippableTheory]
    [InlineData("k", JobState.Failed)]
    [InlineData("K", JobState.Queued)]
    [InlineData("unknown", JobState.Queued)]
    public async Task FindAsync_NoJobWithThatKeyInThoseStates_ReturnsNull(string key, JobState state)
    {
        var sut = CreateSut();
        await sut.AddAsync(TestJobs.Job(key: "k", state: JobState.Queued), Ct);

        Assert.Null(await sut.FindAsync(key, [state], Ct));
    }

    [SkippableTheory]
    [InlineData(JobState.Queued, JobState.Running)]
    [InlineData(JobState.Queued, JobState.Cancelled)]
    [InlineData(JobState.Running, JobState.Succeeded)]
    [InlineData(JobState.Running, JobState.Failed)]
    [InlineData(JobState.Running, JobState.Queued)]
    public async Task TryUpdateAsync_FromTheExpectedState_ReturnsTrueAndReplacesTheRecord(JobState from, JobState to)
    {
        var sut = CreateSut();
        var job = TestJobs.Job(state: from);
        await sut.AddAsync(job, Ct);
        var updated = TestJobs.FullJob() with { Id = job.Id, State = to };

        var applied = await sut.TryUpdateAsync(updated, from, Ct);

        Assert.True(applied);
        var stored = await sut.GetAsync(job.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(to, stored.State);
        Assert.Equal(updated.Request, stored.Request);
        Assert.Equal(updated.RequestKey, stored.RequestKey);
        Assert.Equal(updated.Origin, stored.Origin);
        Assert.Equal(updated.Attempt, stored.Attempt);
        Assert.Equal(updated.Progress, stored.Progress);
        Assert.Equal(updated.StartedAt, stored.StartedAt);
        Assert.Equal(updated.FinishedAt, stored.FinishedAt);
        Assert.Equal(updated.Result?.FilePath, stored.Result?.FilePath);
        Assert.Equal(updated.Error, stored.Error);
    }

    [SkippableFact]
    public async Task TryUpdate_FromSucceeded_ReturnsFalse()
    {
        var sut = CreateSut();
        var job = TestJobs.FullJob() with { State = JobState.Succeeded };
        await sut.AddAsync(job, Ct);

        var applied = await sut.TryUpdateAsync(job with { State = JobState.Cancelled, Error = "cancelled", Attempt = 9 }, JobState.Running, Ct);

        Assert.False(applied);
        var stored = await sut.GetAsync(job.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(JobState.Succeeded, stored.State);
        Assert.Equal(job.Error, stored.Error);
        Assert.Equal(job.Attempt, stored.Attempt);
    }

    [SkippableTheory]
    [InlineData(JobState.Queued, JobState.Running)]
    [InlineData(JobState.Running, JobState.Queued)]
    [InlineData(JobState.Cancelled, JobState.Queued)]
    [InlineData(JobState.Failed, JobState.Running)]
    public async Task TryUpdateAsync_FromAnotherState_ReturnsFalseAndChangesNothing(JobState actual, JobState expected)
    {
        var sut = CreateSut();
        var job = TestJobs.Job(state: actual);
        await sut.AddAsync(job, Ct);

        var applied = await sut.TryUpdateAsync(job with { State = JobState.Succeeded, Origin = "changed" }, expected, Ct);

        Assert.False(applied);
        var stored = await sut.GetAsync(job.Id, Ct);
        Assert.Equal(actual, stored?.State);
        Assert.Equal("test", stored?.Origin);
    }

    [SkippableTheory]
    [InlineData(JobState.Running, JobState.Succeeded)]
    [InlineData(JobState.Running, JobState.Failed)]
    [InlineData(JobState.Queued, JobState.Cancelled)]
    public async Task TryCompleteAsync_FromTheExpectedState_StoresTheFinalRecord(JobState from, JobState to)
    {
        var sut = CreateSut();
        var job = TestJobs.Job(state: from);
        await sut.AddAsync(job, Ct);
        var finished = TestJobs.FullJob() with { Id = job.Id, State = to, Error = "ended" };

        var applied = await sut.TryCompleteAsync(new JobCompletion(finished, from), Ct);

        Assert.True(applied);
        var stored = await sut.GetAsync(job.Id, Ct);
        Assert.Equal(to, stored?.State);
        Assert.Equal("ended", stored?.Error);
        Assert.Equal(finished.Result?.FilePath, stored?.Result?.FilePath);
    }

    [SkippableFact]
    public async Task TryCompleteAsync_FromAnotherState_ReturnsFalseAndChangesNothing()
    {
        var sut = CreateSut();
        var job = TestJobs.Job(state: JobState.Cancelled);
        await sut.AddAsync(job, Ct);

        var applied = await sut.TryCompleteAsync(new JobCompletion(job with { State = JobState.Succeeded, Origin = "changed" }, JobState.Running), Ct);

        Assert.False(applied);
        var stored = await sut.GetAsync(job.Id, Ct);
        Assert.Equal(JobState.Cancelled, stored?.State);
        Assert.Equal("test", stored?.Origin);
    }

    [SkippableFact]
    public async Task TryUpdateAsync_MissingId_ReturnsFalseAndAddsNothing()
    {
        var sut = CreateSut();
        var job = TestJobs.Job(state: JobState.Running);

        var applied = await sut.TryUpdateAsync(job, JobState.Queued, Ct);

        Assert.False(applied);
        Assert.Null(await sut.GetAsync(job.Id, Ct));
        Assert.Empty(await sut.ListAsync(null, 50, Ct));
    }

    [SkippableFact]
    public async Task UpdateProgressAsync_RunningJob_RecordsTheProgress()
    {
        var sut = CreateSut();
        var job = TestJobs.Job(state: JobState.Running);
        await sut.AddAsync(job, Ct);

        await sut.UpdateProgressAsync(job.Id, new JobProgress(3, 7), Ct);

        var stored = await sut.GetAsync(job.Id, Ct);
        Assert.Equal(new JobProgress(3, 7), stored?.Progress);
        Assert.Equal(JobState.Running, stored?.State);
    }

    [SkippableTheory]
    [InlineData(JobState.Queued)]
    [InlineData(JobState.Succeeded)]
    [InlineData(JobState.Failed)]
    [InlineData(JobState.Cancelled)]
    public async Task UpdateProgressAsync_JobNotRunning_IsIgnored(JobState state)
    {
        var sut = CreateSut();
        var job = TestJobs.Job(state: state) with { Progress = new JobProgress(1, 5) };
        await sut.AddAsync(job, Ct);

        await sut.UpdateProgressAsync(job.Id, new JobProgress(4, 5), Ct);

        var stored = await sut.GetAsync(job.Id, Ct);
        Assert.Equal(new JobProgress(1, 5), stored?.Progress);
        Assert.Equal(state, stored?.State);
    }

    [SkippableFact]
    public async Task UpdateProgressAsync_MissingId_DoesNothing()
    {
        var sut = CreateSut();

        await sut.UpdateProgressAsync(TestJobs.NewId(), new JobProgress(1, 2), Ct);

        Assert.Empty(await sut.ListAsync(null, 50, Ct));
    }

    [SkippableFact]
    public async Task DeleteAsync_SomeIds_RemovesOnlyThose()
    {
        var sut = CreateSut();
        var jobs = await AddJobsAsync(sut, JobState.Succeeded, JobState.Failed, JobState.Queued, JobState.Cancelled);

        await sut.DeleteAsync([jobs[0].Id, jobs[3].Id, TestJobs.NewId()], Ct);

        Assert.Null(await sut.GetAsync(jobs[0].Id, Ct));
        Assert.Null(await sut.GetAsync(jobs[3].Id, Ct));
        Assert.Equal([jobs[2].Id, jobs[1].Id], (await sut.ListAsync(null, 50, Ct)).Select(j => j.Id));
    }

    [SkippableFact]
    public async Task DeleteAsync_NoIds_KeepsEveryJob()
    {
        var sut = CreateSut();
        await AddJobsAsync(sut, JobState.Succeeded, JobState.Queued);

        await sut.DeleteAsync([], Ct);

        Assert.Equal(2, (await sut.ListAsync(null, 50, Ct)).Count);
    }

    [SkippableFact]
    public async Task GetLastScheduleRunAsync_NeverRan_ReturnsNull()
    {
        var sut = CreateSut();
        await sut.TryRecordScheduleRunAsync("weekly", TestJobs.T0, Ct);

        Assert.Null(await sut.GetLastScheduleRunAsync("nightly", Ct));
    }

    [SkippableFact]
    public async Task TryRecordScheduleRunAsync_FirstRecord_ReturnsTrue()
    {
        var sut = CreateSut();

        Assert.True(await sut.TryRecordScheduleRunAsync("nightly", TestJobs.T0, Ct));
        Assert.Equal(TestJobs.T0, await sut.GetLastScheduleRunAsync("nightly", Ct));
    }

    [SkippableFact]
    public async Task TryRecordScheduleRunAsync_SameDue_ReturnsFalse()
    {
        var sut = CreateSut();
        await sut.TryRecordScheduleRunAsync("nightly", TestJobs.T0, Ct);

        Assert.False(await sut.TryRecordScheduleRunAsync("nightly", TestJobs.T0, Ct));
    }

    [SkippableFact]
    public async Task TryRecordScheduleRunAsync_SameInstantInAnotherOffset_ReturnsFalse()
    {
        var sut = CreateSut();
        await sut.TryRecordScheduleRunAsync("nightly", TestJobs.T0, Ct);

        Assert.False(await sut.TryRecordScheduleRunAsync("nightly", TestJobs.T0.ToOffset(TimeSpan.FromHours(-5)), Ct));
    }

    [SkippableFact]
    public async Task TryRecordScheduleRunAsync_EarlierDue_ReturnsFalseAndKeepsTheLatest()
    {
        var sut = CreateSut();
        await sut.TryRecordScheduleRunAsync("nightly", TestJobs.T0, Ct);

        Assert.False(await sut.TryRecordScheduleRunAsync("nightly", TestJobs.T0.AddDays(-1), Ct));
        Assert.Equal(TestJobs.T0, await sut.GetLastScheduleRunAsync("nightly", Ct));
    }

    [SkippableFact]
    public async Task TryRecordScheduleRunAsync_LaterDue_ReturnsTrue()
    {
        var sut = CreateSut();
        await sut.TryRecordScheduleRunAsync("nightly", TestJobs.T0, Ct);

        Assert.True(await sut.TryRecordScheduleRunAsync("nightly", TestJobs.T0.AddTicks(10), Ct));
        Assert.Equal(TestJobs.T0.AddTicks(10), await sut.GetLastScheduleRunAsync("nightly", Ct));
    }

    [SkippableFact]
    public async Task GetLastScheduleRunAsync_SeveralRuns_ReturnsTheLatestPerSchedule()
    {
        var sut = CreateSut();
        await sut.TryRecordScheduleRunAsync("nightly", TestJobs.T0, Ct);
        await sut.TryRecordScheduleRunAsync("nightly", TestJobs.T0.AddDays(2), Ct);
        await sut.TryRecordScheduleRunAsync("nightly", TestJobs.T0.AddDays(1), Ct);
        await sut.TryRecordScheduleRunAsync("weekly", TestJobs.T0.AddDays(-7), Ct);

        Assert.Equal(TestJobs.T0.AddDays(2), await sut.GetLastScheduleRunAsync("nightly", Ct));
        Assert.Equal(TestJobs.T0.AddDays(-7), await sut.GetLastScheduleRunAsync("weekly", Ct));
    }

    [SkippableFact]
    public async Task GetSnapshotAsync_AfterCompletionWithSnapshot_ReturnsEveryFieldInRankOrder()
    {
        var sut = CreateSut();
        var since = TestJobs.T0.AddDays(-1);
        var first = Snapshot(11, rank: 1, stars: 500) with { Movement = new StarMovement(100, 100, since), Topics = ["cli", "tui"] };
        var second = Snapshot(22, rank: 2, stars: 300) with { Description = null, Language = null };

        var id = await CompleteAsync(sut, TestJobs.T0, second, first);
        var stored = await ((IRepositorySnapshots)sut).GetSnapshotAsync(id, Ct);

        Assert.NotNull(stored);
        Assert.Equal(TestJobs.T0.UtcTicks, stored.ObservedAt.UtcTicks);
        Assert.Equal([11L, 22L], stored.Repositories.Select(r => r.Id));
        Assert.Equal(first.Topics, stored.Repositories[0].Topics);
        Assert.Equal(first with { Topics = stored.Repositories[0].Topics }, stored.Repositories[0]);
        Assert.Equal(second with { Topics = stored.Repositories[1].Topics }, stored.Repositories[1]);
        Assert.Equal(JobState.Succeeded, (await sut.GetAsync(id, Ct))?.State);
    }

    [SkippableFact]
    public async Task TryCompleteAsync_JobNotInExpectedState_StoresNeitherJobNorSnapshot()
    {
        var sut = CreateSut();
        var job = TestJobs.Job(state: JobState.Queued);
        await sut.AddAsync(job, Ct);

        var applied = await sut.TryCompleteAsync(
            new JobCompletion(job with { State = JobState.Succeeded }, JobState.Running) { Snapshot = new ReportSnapshot(TestJobs.T0, [Snapshot(1)]) },
            Ct);

        Assert.False(applied);
        Assert.Null(await ((IRepositorySnapshots)sut).GetSnapshotAsync(job.Id, Ct));
        Assert.Empty(await ((IRepositorySnapshots)sut).GetLatestBeforeAsync([1], TestJobs.T0.AddDays(1), Ct));
    }

    [SkippableFact]
    public async Task GetLatestBeforeAsync_SeveralSnapshots_ReturnsEachRepositorysLatestObservationStrictlyBefore()
    {
        var sut = (IRepositorySnapshots)CreateSut();
        await CompleteAsync((IJobStore)sut, TestJobs.T0, Snapshot(1, stars: 10), Snapshot(2, stars: 20));
        await CompleteAsync((IJobStore)sut, TestJobs.T0.AddDays(1), Snapshot(1, stars: 15));
        await CompleteAsync((IJobStore)sut, TestJobs.T0.AddDays(2), Snapshot(1, stars: 30), Snapshot(2, stars: 40));

        var latest = await sut.GetLatestBeforeAsync([1, 2, 3], TestJobs.T0.AddDays(2), Ct);

        Assert.Equal(2, latest.Count);
        Assert.Equal(new StarObservation(TestJobs.T0.AddDays(1), 15), Normalize(latest[1]));
        Assert.Equal(new StarObservation(TestJobs.T0, 20), Normalize(latest[2]));
    }

    [SkippableFact]
    public async Task GetHistoryAsync_RenamedRepository_FindsTheWholeHistoryByOldAndNewName()
    {
        var sut = (IRepositorySnapshots)CreateSut();
        await CompleteAsync((IJobStore)sut, TestJobs.T0, Snapshot(7, stars: 10) with { FullName = "old/name" }, Snapshot(8, stars: 99));
        await CompleteAsync((IJobStore)sut, TestJobs.T0.AddDays(1), Snapshot(7, stars: 25) with { FullName = "new/name" });

        var byOld = await sut.GetHistoryAsync("OLD/Name", Ct);
        var byNew = await sut.GetHistoryAsync("new/name", Ct);

        Assert.NotNull(byOld);
        Assert.Equal(byOld.Id, byNew?.Id);
        Assert.Equal(7, byOld.Id);
        Assert.Equal("new/name", byOld.FullName);
        Assert.Equal([new StarObservation(TestJobs.T0, 10), new StarObservation(TestJobs.T0.AddDays(1), 25)], byOld.Points.Select(Normalize));
        Assert.Null(await sut.GetHistoryAsync("never/seen", Ct));
    }

    [SkippableFact]
    public async Task GetLatestAsync_ReturnsTheLatestObservationOfEachRepositoryCreatedSince()
    {
        var sut = (IRepositorySnapshots)CreateSut();
        var old = Snapshot(3) with { CreatedAt = TestJobs.T0.AddDays(-40) };
        await CompleteAsync((IJobStore)sut, TestJobs.T0, Snapshot(1, stars: 10), Snapshot(2, stars: 20), old);
        await CompleteAsync((IJobStore)sut, TestJobs.T0.AddDays(1), Snapshot(1, stars: 15) with { Movement = new StarMovement(5, 5, TestJobs.T0) });

        var latest = await sut.GetLatestAsync(TestJobs.T0.AddDays(-30), Ct);

        Assert.Equal([1L, 2L], latest.Select(r => r.Id).Order());
        var one = latest.Single(r => r.Id == 1);
        Assert.Equal(15, one.Stars);
        Assert.Equal(5, one.Movement?.Gained);
        Assert.Null(latest.Single(r => r.Id == 2).Movement);
    }

    [SkippableFact]
    public async Task DeleteSnapshotsBeforeAsync_DeletesOlderSnapshotsOnlyAndKeepsTheirJobs()
    {
        var sut = (IRepositorySnapshots)CreateSut();
        var oldest = await CompleteAsync((IJobStore)sut, TestJobs.T0, Snapshot(1, stars: 10));
        var older = await CompleteAsync((IJobStore)sut, TestJobs.T0.AddDays(1), Snapshot(1, stars: 20));
        var kept = await CompleteAsync((IJobStore)sut, TestJobs.T0.AddDays(2), Snapshot(1, stars: 30));

        var deleted = await sut.DeleteSnapshotsBeforeAsync(TestJobs.T0.AddDays(2), Ct);

        Assert.Equal(2, deleted);
        Assert.Null(await sut.GetSnapshotAsync(oldest, Ct));
        Assert.Null(await sut.GetSnapshotAsync(older, Ct));
        Assert.NotNull(await sut.GetSnapshotAsync(kept, Ct));
        Assert.Equal([30], (await sut.GetHistoryAsync("owner1/repo1", Ct))!.Points.Select(p => p.Stars));
        Assert.NotNull(await ((IJobStore)sut).GetAsync(oldest, Ct));
    }

    [SkippableFact]
    public async Task TryCompleteAsync_WithDeliveries_StoresEveryFieldOfEachWithTheEnd()
    {
        var sut = CreateSut();
        var job = TestJobs.Job(state: JobState.Running);
        await sut.AddAsync(job, Ct);
        var deliveries = new[] { Delivery(job.Id, "webhook:ops"), Delivery(job.Id, "email") with { CreatedAt = TestJobs.T0.AddSeconds(1) } };

        var applied = await sut.TryCompleteAsync(new JobCompletion(job with { State = JobState.Succeeded }, JobState.Running) { Deliveries = deliveries }, Ct);

        Assert.True(applied);
        var stored = await sut.ListDeliveriesAsync([job.Id], Ct);
        Assert.Equal(deliveries.Select(d => d.Id), stored.Select(d => d.Id));
        Assert.All(stored.Zip(deliveries), pair => AssertSameDelivery(pair.Second, pair.First));
    }

    [SkippableFact]
    public async Task TryCompleteAsync_FromAnotherState_StoresNoDelivery()
    {
        var sut = CreateSut();
        var job = TestJobs.Job(state: JobState.Cancelled);
        await sut.AddAsync(job, Ct);

        var applied = await sut.TryCompleteAsync(new JobCompletion(job with { State = JobState.Succeeded }, JobState.Running) { Deliveries = [Delivery(job.Id, "email")] }, Ct);

        Assert.False(applied);
        Assert.Empty(await sut.ListDeliveriesAsync([job.Id], Ct));
        Assert.Empty(await sut.ListDueDeliveriesAsync(TestJobs.T0.AddYears(1), 10, Ct));
    }

    [SkippableFact]
    public async Task ListDueDeliveriesAsync_MixedDeliveries_ReturnsPendingDueOnesEarliestFirstUpToTheLimit()
    {
        var sut = CreateSut();
        var job = await CompleteWithAsync(
            sut,
            Delivery(nextAttemptAt: TestJobs.T0.AddMinutes(3)) with { Channel = "late" },
            Delivery(nextAttemptAt: TestJobs.T0.AddMinutes(1)) with { Channel = "second" },
            Delivery(nextAttemptAt: TestJobs.T0) with { Channel = "first" },
            Delivery(nextAttemptAt: TestJobs.T0.AddMinutes(2)) with { Channel = "third" },
            Delivery(nextAttemptAt: TestJobs.T0) with { Channel = "done", State = DeliveryState.Delivered },
            Delivery(nextAttemptAt: TestJobs.T0) with { Channel = "gave-up", State = DeliveryState.Failed });

        var due = await sut.ListDueDeliveriesAsync(TestJobs.T0.AddMinutes(2), 10, Ct);
        var limited = await sut.ListDueDeliveriesAsync(TestJobs.T0.AddMinutes(2), 2, Ct);

        Assert.Equal(["first", "second", "third"], due.Select(d => d.Channel));
        Assert.Equal(["first", "second"], limited.Select(d => d.Channel));
        Assert.All(due, d => Assert.Equal(job.Id, d.JobId));
    }

    [SkippableFact]
    public async Task TryUpdateDeliveryAsync_PendingWithTheExpectedAttempts_StoresTheNewVersion()
    {
        var sut = CreateSut();
        var delivery = await CompleteWithOneAsync(sut);
        var retried = delivery with { Attempts = 1, NextAttemptAt = TestJobs.T0.AddMinutes(5), LastError = "HTTP 503" };
        var delivered = retried with { Attempts = 2, State = DeliveryState.Delivered, FinishedAt = TestJobs.T0.AddMinutes(6), LastError = null };

        Assert.True(await sut.TryUpdateDeliveryAsync(retried, expectedAttempts: 0, Ct));
        Assert.True(await sut.TryUpdateDeliveryAsync(delivered, expectedAttempts: 1, Ct));

        AssertSameDelivery(delivered, Assert.Single(await sut.ListDeliveriesAsync([delivery.JobId], Ct)));
        Assert.Empty(await sut.ListDueDeliveriesAsync(TestJobs.T0.AddYears(1), 10, Ct));
    }

    [SkippableFact]
    public async Task TryUpdateDeliveryAsync_AttemptedMeanwhile_ReturnsFalseAndChangesNothing()
    {
        var sut = CreateSut();
        var delivery = await CompleteWithOneAsync(sut);
        var claimed = delivery with { Attempts = 1, LastError = "first claim" };
        Assert.True(await sut.TryUpdateDeliveryAsync(claimed, expectedAttempts: 0, Ct));

        var applied = await sut.TryUpdateDeliveryAsync(delivery with { Attempts = 1, LastError = "second claim" }, expectedAttempts: 0, Ct);

        Assert.False(applied);
        Assert.Equal("first claim", Assert.Single(await sut.ListDeliveriesAsync([delivery.JobId], Ct)).LastError);
    }

    [SkippableTheory]
    [InlineData(DeliveryState.Delivered)]
    [InlineData(DeliveryState.Failed)]
    public async Task TryUpdateDeliveryAsync_NoLongerPending_ReturnsFalseAndChangesNothing(DeliveryState final)
    {
        var sut = CreateSut();
        var delivery = await CompleteWithOneAsync(sut);
        Assert.True(await sut.TryUpdateDeliveryAsync(delivery with { Attempts = 1, State = final }, expectedAttempts: 0, Ct));

        var applied = await sut.TryUpdateDeliveryAsync(delivery with { Attempts = 2, State = DeliveryState.Pending }, expectedAttempts: 1, Ct);

        Assert.False(applied);
        Assert.Equal(final, Assert.Single(await sut.ListDeliveriesAsync([delivery.JobId], Ct)).State);
    }

    [SkippableFact]
    public async Task DeleteAsync_JobWithDeliveries_DeletesItsDeliveriesOnly()
    {
        var sut = CreateSut();
        var deleted = await CompleteWithAsync(sut, Delivery());
        var kept = await CompleteWithAsync(sut, Delivery());

        await sut.DeleteAsync([deleted.Id], Ct);

        Assert.Empty(await sut.ListDeliveriesAsync([deleted.Id], Ct));
        Assert.Single(await sut.ListDeliveriesAsync([kept.Id], Ct));
        Assert.Single(await sut.ListDueDeliveriesAsync(TestJobs.T0.AddYears(1), 10, Ct));
    }

    protected abstract IJobStore CreateSut();

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _timeout.Dispose();
        }
    }

    private static SnapshotRepository Snapshot(long id, int rank = 1, int stars = 100) =>
        new(id, rank, $"owner{id}/repo{id}", $"https://github.com/owner{id}/repo{id}", $"repository {id}", stars, 3, 4, "Rust", ["cli"], TestJobs.T0.AddDays(-2));

    private static StarObservation Normalize(StarObservation observation) => observation with { ObservedAt = observation.ObservedAt.ToUniversalTime() };

    /// <summary>Adds a running job and completes it as succeeded with a snapshot of <paramref name="repositories"/> observed at <paramref name="observedAt"/>.</summary>
    private async Task<string> CompleteAsync(IJobStore sut, DateTimeOffset observedAt, params SnapshotRepository[] repositories)
    {
        var job = TestJobs.Job(state: JobState.Running, key: TestJobs.NewId());
        await sut.AddAsync(job, Ct);
        var completion = new JobCompletion(job with { State = JobState.Succeeded, FinishedAt = observedAt }, JobState.Running)
        {
            Snapshot = new ReportSnapshot(observedAt, repositories),
        };
        Assert.True(await sut.TryCompleteAsync(completion, Ct));
        return job.Id;
    }

    private static JobDelivery Delivery(string jobId = "", string channel = "webhook:ops", DateTimeOffset? nextAttemptAt = null) => new()
    {
        Id = TestJobs.NewId(),
        JobId = jobId,
        Channel = channel,
        Event = "report.succeeded",
        CreatedAt = TestJobs.T0,
        NextAttemptAt = nextAttemptAt ?? TestJobs.T0,
    };

    private static void AssertSameDelivery(JobDelivery expected, JobDelivery actual)
    {
        Assert.Equal(expected with { CreatedAt = default, NextAttemptAt = default, FinishedAt = null }, actual with { CreatedAt = default, NextAttemptAt = default, FinishedAt = null });
        Assert.Equal(expected.CreatedAt.UtcTicks, actual.CreatedAt.UtcTicks);
        Assert.Equal(expected.NextAttemptAt.UtcTicks, actual.NextAttemptAt.UtcTicks);
        Assert.Equal(expected.FinishedAt?.UtcTicks, actual.FinishedAt?.UtcTicks);
    }

    /// <summary>Adds a running job and completes it with <paramref name="deliveries"/> (their job id set to it).</summary>
    private async Task<JobRecord> CompleteWithAsync(IJobStore sut, params JobDelivery[] deliveries)
    {
        var job = TestJobs.Job(state: JobState.Running);
        await sut.AddAsync(job, Ct);
        var completion = new JobCompletion(job with { State = JobState.Succeeded }, JobState.Running)
        {
            Deliveries = deliveries.Select(d => d with { JobId = job.Id }).ToList(),
        };
        Assert.True(await sut.TryCompleteAsync(completion, Ct));
        return job;
    }

    /// <summary>Adds a running job, completes it with one pending delivery and returns that delivery as stored (its job id set).</summary>
    private async Task<JobDelivery> CompleteWithOneAsync(IJobStore sut)
    {
        var delivery = Delivery();
        var job = await CompleteWithAsync(sut, delivery);
        return delivery with { JobId = job.Id };
    }

    /// <summary>Adds one job per state, each a minute newer than the one before.</summary>
    private async Task<IReadOnlyList<JobRecord>> AddJobsAsync(IJobStore sut, params JobState[] states)
    {
        // Each its own report: a store shared by several processes keeps one new job per report.
        var jobs = states.Select((s, i) => TestJobs.Job(key: $"key-{i}", state: s, createdAt: TestJobs.T0.AddMinutes(i))).ToList();

        // Added out of order, so the order listed comes from the times, not from insertion.
        foreach (var job in jobs.AsEnumerable().Reverse())
        {
            await sut.AddAsync(job, Ct);
        }

        return jobs;
    }
}
