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
    public static readonly string[] SummaryHeader = ["group", "count", "repositories"];

    public static readonly string[] RankedHeader =
        ["rank", "full_name", "html_url", "stars", "forks", "open_issues", "language", "topics", "created_at", "description", "group"];

    public static readonly string[] GroupedHeader =
        ["group", "rank_in_group", "rank", "full_name", "html_url", "stars", "forks", "open_issues", "language", "topics", "created_at", "description"];

    /// <summary>Added to the ranked and grouped layouts when the report is measured against earlier snapshots (the service).</summary>
    public static readonly string[] MovementHeader = ["stars_gained", "stars_per_day"];

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,

        // NewLine stays unset on purpose: its default is CRLF, and setting it explicitly makes CsvHelper
        // quote only fields containing that exact sequence, so a lone "\n" in a description would break rows.
    };

    /// <summary>
    /// Writes <paramref name="layout"/>. <paramref name="movement"/> holds star movement by repository id when the
    /// report has earlier snapshots to compare with (a repository missing from it gets empty cells); <see langword="null"/>
    /// leaves the movement columns out (the CLI has no snapshots).
    /// </summary>
    public static async Task WriteAsync(
        Stream destination,
        CsvLayout layout,
        GroupBy groupBy,
        IReadOnlyList<RankedRepository> ranked,
        IReadOnlyList<RepositoryGroup> groups,
        IReadOnlyDictionary<long, StarMovement>? movement,
        CancellationToken cancellationToken)
    {
        // 16 K chars keeps both of the writer's buffers (chars, and bytes at 3 per char) under the 85 KB large-object threshold.
        await using var text = new StreamWriter(destination, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(text, Configuration);
        switch (layout)
        {
            case CsvLayout.Summary:
                await WriteSummaryAsync(csv, groups, cancellationToken);
                break;
            case CsvLayout.Grouped:
                await WriteGroupedAsync(csv, groups, movement, cancellationToken);
                break;
            default:
                await WriteRankedAsync(csv, groupBy, ranked, movement, cancellationToken);
                break;
        }

        await csv.FlushAsync();
    }

    private static async Task WriteSummaryAsync(CsvWriter csv, IReadOnlyList<RepositoryGroup> groups, CancellationToken cancellationToken)
    {
        await WriteHeaderAsync(csv, SummaryHeader, null);
        foreach (var group in groups)
        {
            cancellationToken.ThrowIfCancellationRequested();
            csv.WriteField(group.Name);
            csv.WriteField(Text(group.Repositories.Count));
            foreach (var member in group.Repositories)
            {
                csv.WriteField(member.Repository.FullName);
            }

            await csv.NextRecordAsync();
        }
    }

    private static async Task WriteGroupedAsync(
        CsvWriter csv, IReadOnlyList<RepositoryGroup> groups, IReadOnlyDictionary<long, StarMovement>? movement, CancellationToken cancellationToken)
    {
        await WriteHeaderAsync(csv, GroupedHeader, movement);
        foreach (var group in groups)
        {
            for (var i = 0; i < group.Repositories.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                csv.WriteField(group.Name);
                csv.WriteField(Text(i + 1));
                WriteRepository(csv, group.Repositories[i]);
                WriteMovement(csv, group.Repositories[i], movement);
                await csv.NextRecordAsync();
            }
        }
    }

    private static async Task WriteRankedAsync(
        CsvWriter csv, GroupBy groupBy, IReadOnlyList<RankedRepository> ranked, IReadOnlyDictionary<long, StarMovement>? movement, CancellationToken cancellationToken)
    {
        await WriteHeaderAsync(csv, RankedHeader, movement);
        foreach (var entry in ranked)
        {
            cancellationToken.ThrowIfCancellationRequested();
            WriteRepository(csv, entry);
            csv.WriteField(string.Join(';', RepositoryGrouper.GroupNames(entry, groupBy)));
            WriteMovement(csv, entry, movement);
            await csv.NextRecordAsync();
        }
    }

    /// <summary>The columns the ranked and grouped layouts share, rank to description.</summary>
    private static void WriteRepository(CsvWriter csv, RankedRepository entry)
    {
        var repository = entry.Repository;
        csv.WriteField(Text(entry.Rank));
        csv.WriteField(repository.FullName);
        csv.WriteField(repository.HtmlUrl);
        csv.WriteField(Text(repository.Stars));
        csv.WriteField(Text(repository.Forks));
        csv.WriteField(Text(repository.OpenIssues));
        csv.WriteField(repository.Language ?? string.Empty);
        csv.WriteField(string.Join(';', repository.Topics));
        csv.WriteField(repository.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        csv.WriteField(repository.Description ?? string.Empty);
    }

    private static void WriteMovement(CsvWriter csv, RankedRepository entry, IReadOnlyDictionary<long, StarMovement>? movement)
    {
        if (movement is null)
        {
            return;
        }

        var moved = movement.GetValueOrDefault(entry.Repository.Id);
        csv.WriteField(moved?.Gained.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        csv.WriteField(moved?.PerDay.ToString("0.##", CultureInfo.InvariantCulture) ?? string.Empty);
    }

    /// <summary>
    /// Numbers as invariant text, written with <c>WriteField(string)</c>: the generic <c>WriteField&lt;T&gt;</c> looks
    /// up a type converter and boxes each value, which costs a report's first file several milliseconds, for the same text.
    /// </summary>
    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task WriteHeaderAsync(CsvWriter csv, string[] header, IReadOnlyDictionary<long, StarMovement>? movement)
    {
        foreach (var name in movement is null ? header : [.. header, .. MovementHeader])
        {
            csv.WriteField(name);
        }

        await csv.NextRecordAsync();
    }
}
