namespace HotRepos.App.Tests.Serve;

/// <summary>
/// A test that needs Debian's Chromium. Where it is missing it is skipped with the reason shown, except under CI
/// (CI=true), where .ci/run installs Chromium, so a missing browser fails loudly instead of skipping.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ExecutablePath) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"Chromium is not installed at {ExecutablePath}: apt-get install chromium (bash .ci/run installs it)";
        }
    }
}
