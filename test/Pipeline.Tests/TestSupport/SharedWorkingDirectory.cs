namespace HotRepos.Tests.TestSupport;

/// <summary>
/// Tests that change <see cref="Environment.CurrentDirectory"/> (process-wide) to see where relative default paths
/// land: xunit runs this collection on its own, after the parallel ones, so no other test sees the change.
/// </summary>
[CollectionDefinition(nameof(SharedWorkingDirectory), DisableParallelization = true)]
public sealed class SharedWorkingDirectory;
