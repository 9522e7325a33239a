namespace HotRepos.Sample;

/// <summary>The "License Simple" object of a search result item.</summary>
internal sealed record SampleLicense(string Key, string Name, string SpdxId, string NodeId)
{
    /// <summary>GitHub sends <c>null</c> for the url of the catch-all "other" license.</summary>
    public bool HasUrl => Key != "other";
}
