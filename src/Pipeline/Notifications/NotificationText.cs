using System.Globalization;
using System.Text;
using HotRepos.Jobs;
using Microsoft.Extensions.Options;

namespace HotRepos.Notifications;

/// <summary>The words of a notification, one place for the webhook's <c>text</c> and the e-mail's subject and body.</summary>
internal sealed class NotificationText(IOptions<NotificationsOptions> options)
{
    public static string Subject(JobRecord job) =>
        job.State == JobState.Succeeded ? $"HotRepos report ready: {job.RequestKey}" : $"HotRepos report failed: {job.RequestKey}";

    /// <summary>The job's page in the API (absolute with <see cref="NotificationsOptions.PublicUrl"/>).</summary>
    public string JobLink(JobRecord job) => $"{options.Value.PublicUrl?.TrimEnd('/')}/api/reports/{job.Id}";

    /// <summary>A few lines for chat; Slack's control characters (&amp;, &lt;, &gt;) escaped, so no text becomes a mention or a link.</summary>
    public string Chat(JobRecord job)
    {
        var text = new StringBuilder(Subject(job)).Append('\n').Append(Outcome(job));
        if (job.Result is { TopGroups.Count: > 0 } result)
        {
            text.Append("\nLargest groups: ").AppendJoin(", ", result.TopGroups.Select(g => $"{g.Name} ({g.Repositories})"));
        }

        text.Append('\n').Append(JobLink(job));
        return text.ToString().Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }

    /// <summary>A plain-text mail: the outcome, the largest groups, the first rows of the report and the links.</summary>
    public string Mail(JobRecord job, IReadOnlyList<string> topRows)
    {
        var text = new StringBuilder().AppendLine(Subject(job)).AppendLine().AppendLine(Outcome(job));
        if (job.Result is { TopGroups.Count: > 0 } result)
        {
            text.AppendLine().AppendLine("Largest groups:");
            foreach (var group in result.TopGroups)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {group.Name}: {group.Repositories} repositories, {group.Stars} stars");
            }
        }

        if (topRows.Count > 0)
        {
            text.AppendLine().AppendLine("Top of the report:");
            foreach (var row in topRows)
            {
                text.Append("  ").AppendLine(row);
            }
        }

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Job: {JobLink(job)}");
        if (job.State == JobState.Succeeded)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"CSV: {JobLink(job)}/csv");
        }

        return text.ToString();
    }

    private static string Outcome(JobRecord job) => job.Result is { } result
        ? string.Create(CultureInfo.InvariantCulture, $"{result.Repositories} repositories in {result.Groups} groups, created since {result.Since:yyyy-MM-dd}.")
        : $"The job {job.Id} failed: {ClientText.HidePaths(job.Error)}";
}
