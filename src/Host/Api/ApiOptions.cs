using System.ComponentModel.DataAnnotations;

namespace HotRepos.App.Api;

/// <summary>The HTTP API (configuration section <c>HotRepos:Api</c>).</summary>
internal sealed class ApiOptions
{
    public const string SectionName = "HotRepos:Api";

    /// <summary>Gets or sets the key POST and DELETE require in <c>X-Api-Key</c>; none means no key is required.</summary>
    public string? Key { get; set; }

    /// <summary>Gets or sets how many reports one client may create a minute.</summary>
    [Range(1, 100_000)]
    public int CreatePerMinute { get; set; } = 30;

    /// <summary>Gets or sets the largest request body accepted, in bytes.</summary>
    [Range(256, 1_048_576)]
    public int MaxBodyBytes { get; set; } = 16 * 1024;
}
