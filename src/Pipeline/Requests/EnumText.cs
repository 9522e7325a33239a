using System.Globalization;

namespace HotRepos.Requests;

/// <summary>
/// Reads an enum value by name only, ignoring case. <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/>
/// also accepts numbers ("1") and flag lists ("day,week"), which users never mean.
/// </summary>
public static class EnumText
{
    /// <summary>Reads <paramref name="value"/> as the name of a <typeparamref name="TEnum"/> value.</summary>
    /// <typeparam name="TEnum">The enum.</typeparam>
    /// <param name="value">The text, such as <c>week</c> or <c>Week</c>.</param>
    /// <param name="result">The value, when the text names one.</param>
    /// <returns><see langword="true"/> when the text is the name of a defined value.</returns>
    public static bool TryParse<TEnum>(string? value, out TEnum result)
        where TEnum : struct, Enum
    {
        result = default;
        var text = value?.Trim();
        return !string.IsNullOrEmpty(text)
            && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            && !text.Contains(',', StringComparison.Ordinal)
            && Enum.TryParse(text, ignoreCase: true, out result)
            && Enum.IsDefined(result);
    }
}
