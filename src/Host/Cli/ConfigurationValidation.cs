using Microsoft.Extensions.Options;

namespace HotRepos.App.Cli;

/// <summary>
/// Validates every HotRepos option at once, as a host does at start, but as values: each verb prints one
/// <c>error: invalid configuration: ...</c> line per failure and exits 2, without a stack trace.
/// </summary>
internal static class ConfigurationValidation
{
    public static List<string> Failures(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (OptionsValidationException invalid)
        {
            return [.. invalid.Failures.Select(Line)];
        }
        catch (AggregateException many) when (many.InnerExceptions.All(e => e is OptionsValidationException))
        {
            return [.. many.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).Select(Line)];
        }
    }

    private static string Line(string failure) => $"invalid configuration: {failure}";
}
