namespace HotRepos.GitHubEmulator;

/// <summary>What the emulator does to one search request.</summary>
internal readonly record struct FaultDecision(FaultKind? Kind, TimeSpan Delay, int Attempt, ulong DriftEpoch);
