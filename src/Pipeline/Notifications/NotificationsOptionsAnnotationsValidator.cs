using Microsoft.Extensions.Options;

namespace HotRepos.Notifications;

/// <summary>The DataAnnotations rules of <see cref="NotificationsOptions"/>, checked by generated code (see <see cref="GitHub.GitHubOptionsValidator"/>).</summary>
[OptionsValidator]
internal sealed partial class NotificationsOptionsAnnotationsValidator : IValidateOptions<NotificationsOptions>;
