using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace HotRepos.Tests.TestSupport;

/// <summary>
/// Reads CSV back with CsvHelper's <see cref="CsvReader"/>, as a script importing a report would.
/// Shared with Host.Tests as a linked file.
/// </summary>
internal static class CsvRows
{
    public static List<string[]> Read(byte[] utf8)
    {
        // Strict UTF-8: a report that is not valid UTF-8 fails here instead of turning into U+FFFD.
        using var text = new StreamReader(new MemoryStream(utf8), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        using var csv = new CsvReader(text, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false });
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Parser.Record ?? throw new InvalidOperationException("CsvReader returned no record."));
        }

        return rows;
    }

    public static List<string[]> ReadFile(string path) => Read(File.ReadAllBytes(path));

    /// <summary>The ranked layout as one dictionary per repository, keyed by header.</summary>
    public static List<Dictionary<string, string>> ReadRanked(string path)
    {
        var rows = ReadFile(path);
        var header = rows[0];
        return rows.Skip(1).Select(row => header.Zip(row).ToDictionary(p => p.First, p => p.Second)).ToList();
    }
}
