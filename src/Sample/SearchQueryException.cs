namespace HotRepos.Sample;

/// <summary>A <c>q</c> that GitHub would answer with 422 "Validation Failed"; the message names the bad part.</summary>
internal sealed class SearchQueryException(string message) : Exception(message);
