using System.Globalization;

namespace HotRepos.Requests;

/// <summary>
/// Builds a <see cref="ReportRequest"/> from text (command line, HTTP body, configuration), reporting every
/// bad field with its name and the allowed values instead of stopping at the first.
/// </summary>
public static class ReportRequestParser
{
    /// <summary>Parses and validates the fields of a request given as text.</summary>
    /// <param name="input">The raw fields; <see langword="null"/> fields take their defaults.</param>
    /// <param name="today">Today's date (UTC).</param>
    /// <param name="errors">Every invalid field, when the result is <see langword="null"/>.</param>
    /// <returns>The request, or <see langword="null"/> when any field is invalid.</returns>
    public static ReportRequest? TryParse(ReportRequestInput input, DateOnly today, out IReadOnlyList<ReportRequestError> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        var found = new List<ReportRequestError>();
        var period = ParseEnum<Period>("period", input.Period, found);
        var groupBy = ParseEnum<GroupBy>("groupBy", input.GroupBy, found);
        var layout = ParseEnum<CsvLayout>("layout", input.Layout, found);
        var since = ParseDate("since", input.Since, found);
        var date = ParseDate("date", input.Date, found);

        var request = new ReportRequest
        {
            Period = period,
            Since = since,
            ReferenceDate = date,
            Top = input.Top ?? ReportRequest.DefaultTop,
            GroupBy = groupBy ?? GroupBy.Language,
            Layout = layout ?? CsvLayout.Grouped,
            Language = NullIfEmpty(input.Language),
            Topic = NullIfEmpty(input.Topic),
            MinStars = input.MinStars,
        };

        // Fields that failed to parse are left at their defaults, so they are not reported twice.
        found.AddRange(request.Validate(today));
        errors = found;
        return found.Count == 0 ? request : null;
    }

    private static TEnum? ParseEnum<TEnum>(string field, string? value, List<ReportRequestError> errors)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (EnumText.TryParse<TEnum>(value, out var parsed))
        {
            return parsed;
        }

        var allowed = string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()));
        errors.Add(new(field, $"{field} must be one of {allowed}; got '{value}'"));
        return null;
    }

    private static DateOnly? ParseDate(string field, string? value, List<ReportRequestError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(new(field, $"{field} must be a date written yyyy-MM-dd; got '{value}'"));
        return null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
