namespace HotRepos.Benchmarks;

internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static string MinMedMax(IReadOnlyCollection<double> values, string format = "F0")
        => $"{values.Min().ToString(format, System.Globalization.CultureInfo.InvariantCulture)} / "
            + $"{Median(values).ToString(format, System.Globalization.CultureInfo.InvariantCulture)} / "
            + $"{values.Max().ToString(format, System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Reads <c>--name N</c> from the mode's arguments.</summary>
    public static int IntOption(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
