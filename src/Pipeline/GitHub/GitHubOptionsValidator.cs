using Microsoft.Extensions.Options;

namespace HotRepos.GitHub;

/// <summary>
/// The DataAnnotations rules of <see cref="GitHubOptions"/>, checked by generated code instead of by reflection
/// (<c>ValidateDataAnnotations</c>): no reflection on a report's start-up path, and thread-safe, whereas
/// DataAnnotations' <c>RangeAttribute</c> is not on its first use (dotnet/runtime#1143), which a report's two start-up
/// lanes (checking the configuration, resolving the generator) would both be.
/// </summary>
[OptionsValidator]
internal sealed partial class GitHubOptionsValidator : IValidateOptions<GitHubOptions>;
