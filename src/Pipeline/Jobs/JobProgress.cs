namespace HotRepos.Jobs;

/// <summary>How far a running job has come.</summary>
/// <param name="Done">Pages fetched.</param>
/// <param name="Total">Pages the report needs; 0 until the job starts.</param>
public readonly record struct JobProgress(int Done, int Total);
