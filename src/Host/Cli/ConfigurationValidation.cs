using System.Text.RegularExpressions;
using HotRepos.App.Api;
using HotRepos.GitHub;
using HotRepos.Jobs;
using HotRepos.Notifications;
using HotRepos.Reports;
using HotRepos.Scheduling;
using Microsoft.Extensions.Options;

namespace HotRepos.App.Cli;

/// <summary>
/// Validates every HotRepos option at once, as a host does at start, but as values: each verb prints one
/// <c>error: invalid configuration: ...</c> line per failure and exits 2, without a stack trace.
/// </summary>
/// <remarks>
/// First the configuration text of every options type the verb registered is checked against the type
/// (<see cref="ConfigurationValues"/>): a value the binder cannot convert would otherwise throw from the first
/// <c>.Value</c> with .NET type names. Then every type whose text is fine is bound and validated on its own, so one
/// broken key does not hide the problems of another section.
/// </remarks>
internal static partial class ConfigurationValidation
{
    private static readonly OptionsBinding[] Bindings =
    [
        OptionsBinding.For<GitHubOptions>(GitHubOptions.SectionName),
        OptionsBinding.For<ReportsOptions>(ReportsOptions.SectionName),
        OptionsBinding.For<JobsOptions>(JobsOptions.SectionName),
        OptionsBinding.For<SchedulerOptions>(SchedulerOptions.SectionName),
        OptionsBinding.For<NotificationsOptions>(NotificationsOptions.SectionName),
        OptionsBinding.For<ApiOptions>(ApiOptions.SectionName),
    ];

    public static List<string> Failures(IServiceProvider services, IConfiguration configuration)
    {
        var failures = new List<string>();
        foreach (var binding in Bindings.Where(b => b.IsRegistered(services)))
        {
            var unusable = ConfigurationValues.Check(configuration.GetSection(binding.Section), binding.OptionsType).ToList();
            StartupTrace.Mark($"configuration text of {binding.Section} checked");
            failures.AddRange(unusable.Count > 0 ? unusable : binding.Validate(services).Select(f => Readable(binding, f)));
            StartupTrace.Mark($"options of {binding.Section} validated");
        }

        if (failures.Count == 0)
        {
            // Options registered with ValidateOnStart that this list does not know.
            failures.AddRange(StartupFailures(services));
            StartupTrace.Mark("startup validator run");
        }

        return [.. failures.Select(f => $"invalid configuration: {f}")];
    }

    private static IEnumerable<string> StartupFailures(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (OptionsValidationException invalid)
        {
            return invalid.Failures;
        }
        catch (AggregateException many) when (many.InnerExceptions.All(e => e is OptionsValidationException))
        {
            return many.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures);
        }
    }

    /// <summary>
    /// A failure names the member, not the key: reflection's DataAnnotations also the .NET type
    /// (<c>... for 'JobsOptions' members: 'X' with the error: '...'</c>), the generated validators only the member
    /// (<c>X: ...</c>). Both become <c>HotRepos:Jobs:X: ...</c>.
    /// </summary>
    private static string Readable(OptionsBinding binding, string failure) =>
        (DataAnnotationFailure().Match(failure) is { Success: true } reflected ? reflected : GeneratedValidatorFailure().Match(failure)) is { Success: true } match
            && binding.OptionsType.GetProperty(match.Groups["member"].Value) is not null
            ? $"{binding.Section}:{match.Groups["member"].Value}: {match.Groups["error"].Value}"
            : failure;

    [GeneratedRegex("^DataAnnotation validation failed for '[^']*' members: '(?<member>[^']*)' with the error: '(?<error>.*)'\\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    [GeneratedRegex("^(?<member>[A-Za-z][A-Za-z0-9]*): (?<error>.*)$", RegexOptions.Singleline)]
    private static partial Regex GeneratedValidatorFailure();

    [GeneratedRegex("at '(?<key>[^']+)'")]
    private static partial Regex BinderFailure();

    private sealed record OptionsBinding(string Section, Type OptionsType, Func<IServiceProvider, bool> IsRegistered, Func<IServiceProvider, IEnumerable<string>> Validate)
    {
        public static OptionsBinding For<TOptions>(string section)
            where TOptions : class => new(
                section,
                typeof(TOptions),
                services => services.GetServices<IConfigureOptions<TOptions>>().Any(),
                services =>
                {
                    try
                    {
                        _ = services.GetRequiredService<IOptionsFactory<TOptions>>().Create(Options.DefaultName);
                        return [];
                    }
                    catch (OptionsValidationException invalid)
                    {
                        return invalid.Failures;
                    }
                    catch (InvalidOperationException ex) when (BinderFailure().Match(ex.Message) is { Success: true } match)
                    {
                        // A value ConfigurationValues did not foresee; still one line, still no type names.
                        return [$"{match.Groups["key"].Value} has a value that cannot be read"];
                    }
                });
    }
}
