using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using HotRepos.Requests;
using HotRepos.Ranking;

namespace HotRepos.Export;

/// <summary>
/// Writes a report as RFC 4180 CSV (UTF-8 without BOM, CRLF rows) with CsvHelper. Cells that start like a
/// spreadsheet formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab, CR) get a leading apostrophe so that no
/// spreadsheet runs text that came from GitHub.
/// </summary>
internal static class CsvReportWriter
{
    public static readonly string[] GroupedHeader = ["group", "count", "repositories"];

    public static readonly string[] RankedHeader =
        ["rank", "full_name", "html_url", "stars", "forks", "open_issues", "language", "topics", "created_at", "description", "group"];

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,

        // NewLine stays unset on purpose: its default is CRLF, and setting it explicitly makes CsvHelper
        // quote only fields containing that exact sequence, so a lone "\n" in a description would break rows.
    };

    public static async Task WriteAsync(
        Stream destination,
        CsvLayout layout,
        GroupBy groupBy,
        IReadOnlyList<RankedRepository> ranked,
        IReadOnlyList<RepositoryGroup> groups,
        CancellationToken cancellationToken)
    {
        // 16 K chars keeps both of the writer's buffers (chars, and bytes at 3 per char) under the 85 KB large-object threshold.
        await using var text = new StreamWriter(destination, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(text, Configuration);
        if (layout == CsvLayout.Grouped)
        {
            await WriteGroupedAsync(csv, groups, cancellationToken);
        }
        else
        {
            await WriteRankedAsync(csv, groupBy, ranked, cancellationToken);
        }

        await csv.FlushAsync();
    }

    private static async Task WriteGroupedAsync(CsvWriter csv, IReadOnlyList<RepositoryGroup> groups, CancellationToken cancellationToken)
    {
        await WriteHeaderAsync(csv, GroupedHeader);
        foreach (var group in groups)
        {
            cancellationToken.ThrowIfCancellationRequested();
            csv.WriteField(group.Name);
            csv.WriteField(group.Repositories.Count);
            foreach (var member in group.Repositories)
            {
                csv.WriteField(member.Repository.FullName);
            }

            await csv.NextRecordAsync();
        }
    }

    private static async Task WriteRankedAsync(CsvWriter csv, GroupBy groupBy, IReadOnlyList<RankedRepository> ranked, CancellationToken cancellationToken)
    {
        await WriteHeaderAsync(csv, RankedHeader);
        foreach (var entry in ranked)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var repository = entry.Repository;
            csv.WriteField(entry.Rank);
            csv.WriteField(repository.FullName);
            csv.WriteField(repository.HtmlUrl);
            csv.WriteField(repository.Stars);
            csv.WriteField(repository.Forks);
            csv.WriteField(repository.OpenIssues);
            csv.WriteField(repository.Language ?? string.Empty);
            csv.WriteField(string.Join(';', repository.Topics));
            csv.WriteField(repository.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            csv.WriteField(repository.Description ?? string.Empty);
            csv.WriteField(string.Join(';', RepositoryGrouper.GroupNames(entry, groupBy)));
            await csv.NextRecordAsync();
        }
    }

    private static async Task WriteHeaderAsync(CsvWriter csv, string[] header)
    {
        foreach (var name in header)
        {
            csv.WriteField(name);
        }

        await csv.NextRecordAsync();
    }
}
