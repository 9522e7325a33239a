using HotRepos.Jobs;
using HotRepos.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HotRepos.Tests.Scheduling;

public sealed class SchedulerOptionsValidatorTests
{
    [Fact]
    public void Validate_DefaultSchedules_Succeeds()
    {
        var sut = CreateSut();

        var result = sut.Validate(null, new SchedulerOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_TimeZoneSchedule_Succeeds()
    {
        var sut = CreateSut();
        var options = new SchedulerOptions();
        options.Schedules["paris"] = new ScheduleOptions { Cron = "0 9 * * 1-5", TimeZone = "Europe/Paris" };

        Assert.True(sut.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("not a cron", "UTC", 500, "is not a 5-field cron expression")]
    [InlineData("0 0 0 * * *", "UTC", 500, "is not a 5-field cron expression")]
    [InlineData("", "UTC", 500, "is not a 5-field cron expression")]
    [InlineData("0 0 * * *", "Mars/Olympus_Mons", 500, "is not a known time zone")]
    [InlineData("0 0 * * *", "UTC", 0, "top must be between 1 and 10000")]
    public void Validate_InvalidSchedule_FailsWithAMessageNamingTheSchedule(string cron, string timeZone, int top, string problem)
    {
        var sut = CreateSut();
        var options = new SchedulerOptions();
        options.Schedules["broken-one"] = new ScheduleOptions { Cron = cron, TimeZone = timeZone, Top = top };

        var result = sut.Validate(null, options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("schedule 'broken-one': ", failure, StringComparison.Ordinal);
        Assert.Contains(problem, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a cron", "UTC", 500)]
    [InlineData("0 0 * * *", "Mars/Olympus_Mons", 500)]
    [InlineData("0 0 * * *", "UTC", 0)]
    public async Task StartAsync_HostWithInvalidSchedule_ThrowsOptionsValidationException(string cron, string timeZone, int top)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddHotReposJobs(
            configureJobs: jobs => jobs.Store = JobStoreKind.Memory,
            configureScheduler: s => s.Schedules["broken-one"] = new ScheduleOptions { Cron = cron, TimeZone = timeZone, Top = top });
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(timeout.Token));

        Assert.Equal(typeof(SchedulerOptions), failure.OptionsType);
        Assert.Contains("schedule 'broken-one'", failure.Message, StringComparison.Ordinal);
    }

    private static SchedulerOptionsValidator CreateSut() => new();
}
