namespace HotRepos.App.Cli;

/// <summary>How much <c>hotrepos report</c> logs on stderr: <c>--quiet</c>, the default, or <c>--verbose</c>.</summary>
internal enum CliVerbosity
{
    /// <summary>Warnings and errors only.</summary>
    Quiet,

    /// <summary>Information: a line per report and per page.</summary>
    Normal,

    /// <summary>Debug, and HttpClient's line per request and response.</summary>
    Verbose,
}
