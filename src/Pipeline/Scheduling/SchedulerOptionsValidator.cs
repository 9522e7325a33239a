using Microsoft.Extensions.Options;

namespace HotRepos.Scheduling;

/// <summary>Checks every schedule at startup: its cron expression, time zone and report request.</summary>
internal sealed class SchedulerOptionsValidator : IValidateOptions<SchedulerOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        var failures = new List<string>();
        foreach (var (scheduleName, schedule) in options.Schedules)
        {
            try
            {
                ReportSchedule.Parse(scheduleName, schedule);
            }
            catch (FormatException ex)
            {
                failures.Add(ex.Message);
            }

            // Dates are the run's own, so any "today" validates the rest of the request.
            failures.AddRange(schedule.ToRequest(DateOnly.MaxValue).Validate(DateOnly.MaxValue).Select(e => $"schedule '{scheduleName}': {e.Message}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
