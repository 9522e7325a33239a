using Microsoft.Extensions.Options;

namespace HotRepos.Jobs;

/// <summary>The DataAnnotations rules of <see cref="JobsOptions"/>, checked by generated code (see <see cref="GitHub.GitHubOptionsValidator"/>).</summary>
[OptionsValidator]
internal sealed partial class JobsOptionsValidator : IValidateOptions<JobsOptions>;
