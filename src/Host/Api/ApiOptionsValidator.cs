using Microsoft.Extensions.Options;

namespace HotRepos.App.Api;

/// <summary>The DataAnnotations rules of <see cref="ApiOptions"/> (and its <c>Validate</c>), checked by generated code instead of by reflection.</summary>
[OptionsValidator]
internal sealed partial class ApiOptionsValidator : IValidateOptions<ApiOptions>;
