namespace HotRepos.Sample;

/// <summary>One entry of the <c>errors</c> array of GitHub's 422 "Validation Failed" body.</summary>
internal sealed record GitHubValidationError(string Resource, string Field, string Code, string? Message);
