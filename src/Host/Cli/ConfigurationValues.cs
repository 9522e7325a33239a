using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace HotRepos.App.Cli;

/// <summary>
/// Checks configuration text against the options type it binds to, before binding: a value the binder cannot convert
/// (<c>RequestTimeout=abc</c>, an <c>int</c> overflow, an unknown enum name) or one outside its <c>[Range]</c> becomes one
/// line naming the key, what it allows and what it got, with no .NET type names.
/// </summary>
internal static class ConfigurationValues
{
    /// <summary>Every problem with the values set under <paramref name="section"/> for <paramref name="optionsType"/>.</summary>
    public static IEnumerable<string> Check(IConfigurationSection section, Type optionsType) => CheckObject(section, section.Path, optionsType);

    private static IEnumerable<string> CheckObject(IConfiguration section, string path, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var key = $"{path}:{property.Name}";
            var child = section.GetSection(property.Name);
            foreach (var failure in CheckValue(child, key, property.PropertyType, property.GetCustomAttributes<ValidationAttribute>()))
            {
                yield return failure;
            }
        }
    }

    private static IEnumerable<string> CheckValue(IConfigurationSection section, string key, Type type, IEnumerable<ValidationAttribute> attributes)
    {
        if (IsScalar(type))
        {
            return section.Value is { } text ? CheckScalar(key, type, text, attributes) : [];
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            return section.GetChildren().SelectMany(child => CheckValue(child, $"{key}:{child.Key}", valueType, []));
        }

        if (ElementType(type) is { } elementType)
        {
            return section.GetChildren().SelectMany(child => CheckValue(child, $"{key}:{child.Key}", elementType, []));
        }

        // Only keys that are set are read, so the walk ends where the configuration does.
        return type.IsClass && section.GetChildren().Any() ? CheckObject(section, key, type) : [];
    }

    private static IEnumerable<string> CheckScalar(string key, Type type, string text, IEnumerable<ValidationAttribute> attributes)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string) || (target != type && text.Length == 0))
        {
            return Validate(key, target, text, text, attributes);
        }

        object? value;
        try
        {
            value = TypeDescriptor.GetConverter(target).ConvertFromInvariantString(text);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException or NotSupportedException)
        {
            value = null;
        }

        if (value is null || (target.IsEnum && !Enum.IsDefined(target, value)))
        {
            return [$"{key} must be {Expected(target, attributes.OfType<RangeAttribute>().FirstOrDefault())}; got '{text}'"];
        }

        return Validate(key, target, text, value, attributes);
    }

    private static IEnumerable<string> Validate(string key, Type target, string text, object value, IEnumerable<ValidationAttribute> attributes)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.IsValid(value))
            {
                continue;
            }

            yield return attribute is RangeAttribute range
                ? $"{key} must be {Expected(target, range)}; got '{text}'"
                : $"{attribute.FormatErrorMessage(key).TrimEnd('.')}; got '{text}'";
        }
    }

    private static string Expected(Type type, RangeAttribute? range)
    {
        var between = range is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" between {range.Minimum} and {range.Maximum}");
        return type switch
        {
            _ when type == typeof(bool) => "true or false",
            _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type)),
            _ when type == typeof(TimeSpan) => "a duration written [d.]hh:mm:ss[.fff], like 00:00:30" + (between.Length > 0 ? "," + between : string.Empty),
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(ulong) => "a whole number" + between,
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number" + between,
            _ when type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset) => "a date written yyyy-MM-dd",
            _ when type == typeof(Uri) => "an absolute URL",
            _ => "a valid " + type.Name.ToLowerInvariant(),
        };
    }

    private static bool IsScalar(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target.IsPrimitive || target.IsEnum || target == typeof(string) || target == typeof(decimal) || target == typeof(TimeSpan)
            || target == typeof(DateOnly) || target == typeof(TimeOnly) || target == typeof(DateTime) || target == typeof(DateTimeOffset)
            || target == typeof(Guid) || target == typeof(Uri);
    }

    private static Type? DictionaryValueType(Type type) =>
        type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>) && i.GetGenericArguments()[0] == typeof(string))
            ?.GetGenericArguments()[1];

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : typeof(IEnumerable).IsAssignableFrom(type)
            ? type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
            : null;
}
