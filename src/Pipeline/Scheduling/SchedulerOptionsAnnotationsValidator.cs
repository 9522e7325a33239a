using Microsoft.Extensions.Options;

namespace HotRepos.Scheduling;

/// <summary>The DataAnnotations rules of <see cref="SchedulerOptions"/>, checked by generated code (see <see cref="GitHub.GitHubOptionsValidator"/>).</summary>
[OptionsValidator]
internal sealed partial class SchedulerOptionsAnnotationsValidator : IValidateOptions<SchedulerOptions>;
