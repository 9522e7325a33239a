using Microsoft.Extensions.Options;

namespace HotRepos.Reports;

/// <summary>The DataAnnotations rules of <see cref="ReportsOptions"/>, checked by generated code (see <see cref="GitHub.GitHubOptionsValidator"/>).</summary>
[OptionsValidator]
internal sealed partial class ReportsOptionsValidator : IValidateOptions<ReportsOptions>;
