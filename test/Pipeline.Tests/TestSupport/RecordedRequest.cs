namespace HotRepos.Tests.TestSupport;

/// <summary>What the stand-in server saw of one request; kept as values because the client disposes its request.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers);
