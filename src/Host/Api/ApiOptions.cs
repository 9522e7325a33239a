using System.ComponentModel.DataAnnotations;
using System.Net;

namespace HotRepos.App.Api;

/// <summary>The HTTP API (configuration section <c>HotRepos:Api</c>).</summary>
internal sealed class ApiOptions : IValidatableObject
{
    public const string SectionName = "HotRepos:Api";

    /// <summary>Gets or sets the key POST and DELETE (and reads, with <see cref="RequireKeyForReads"/>) require in <c>X-Api-Key</c>; none means no key is required.</summary>
    public string? Key { get; set; }

    /// <summary>Gets or sets whether reads (<c>GET /api/...</c>) need the key too; it has no effect without a key.</summary>
    /// <value>The default value is <see langword="false"/>: reads show public GitHub data and no server path.</value>
    public bool RequireKeyForReads { get; set; }

    /// <summary>Gets or sets the reverse proxies (IP addresses, or networks such as <c>10.0.0.0/8</c>) whose <c>X-Forwarded-For</c> is believed.</summary>
    /// <value>The default value is none: <c>X-Forwarded-For</c> is ignored and a client is its connection's address.</value>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Gets or sets how many reports one client may create a minute.</summary>
    [Range(1, 100_000)]
    public int CreatePerMinute { get; set; } = 30;

    /// <summary>Gets or sets the largest request body accepted, in bytes.</summary>
    [Range(256, 1_048_576)]
    public int MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Whether a request to an endpoint of this kind must carry the key.</summary>
    public bool KeyRequiredFor(ApiKeyRequirement requirement) =>
        !string.IsNullOrEmpty(Key) && (!requirement.IsRead || RequireKeyForReads);

    /// <summary>The proxies as addresses and networks; entries that are neither are left out (validation names them).</summary>
    public (IReadOnlyList<IPAddress> Addresses, IReadOnlyList<IPNetwork> Networks) ParseKnownProxies()
    {
        var addresses = new List<IPAddress>();
        var networks = new List<IPNetwork>();
        foreach (var entry in KnownProxies.Select(p => p.Trim()))
        {
            if (IPAddress.TryParse(entry, out var address) && !entry.Contains('/', StringComparison.Ordinal))
            {
                addresses.Add(address);
            }
            else if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
        }

        return (addresses, networks);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in KnownProxies.Select(p => p.Trim()))
        {
            if (!IPAddress.TryParse(entry, out _) && !IPNetwork.TryParse(entry, out _))
            {
                yield return new ValidationResult(
                    $"KnownProxies: '{entry}' is neither an IP address (10.0.0.5, ::1) nor a network (10.0.0.0/8)",
                    [nameof(KnownProxies)]);
            }
        }
    }
}
