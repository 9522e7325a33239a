using System.Security.Cryptography;
using System.Text;

namespace HotRepos.Notifications;

/// <summary>GitHub's webhook signature: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of the exact body, keyed with the secret.</summary>
public static class WebhookSignature
{
    /// <summary>The header that carries the signature.</summary>
    public const string HeaderName = "X-HotRepos-Signature-256";

    /// <summary>Signs a body.</summary>
    /// <param name="secret">The webhook's secret.</param>
    /// <param name="body">The exact bytes sent.</param>
    /// <returns><c>sha256=HEX</c>.</returns>
    public static string Compute(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    /// <summary>Checks a received signature in constant time, as a receiver should.</summary>
    /// <param name="secret">The webhook's secret.</param>
    /// <param name="body">The exact bytes received.</param>
    /// <param name="signature">The header's value.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? signature) =>
        signature is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(secret, body)), Encoding.ASCII.GetBytes(signature));
}
