using System.Globalization;
using CsvHelper;

namespace HotRepos.Tests.Integration;

/// <summary>Reads a report back with CsvHelper's reader, as a spreadsheet tool or a script would.</summary>
internal static class CsvFile
{
    public static List<string[]> ReadRows(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Record!);
        }

        return rows;
    }

    /// <summary>The ranked layout as one dictionary per repository, keyed by header.</summary>
    public static List<Dictionary<string, string>> ReadRanked(string path)
    {
        var rows = ReadRows(path);
        var header = rows[0];
        return rows.Skip(1).Select(row => header.Zip(row).ToDictionary(p => p.First, p => p.Second)).ToList();
    }
}
