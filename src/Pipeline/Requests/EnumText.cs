using System.Globalization;

namespace HotRepos.Requests;

/// <summary>
/// Reads an enum value by name only, ignoring case. <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/>
/// also accepts numbers ("1") and flag lists ("day,week"), which users never mean.
/// </summary>
internal static class EnumText
{
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
