namespace HotRepos.Jobs;

/// <summary>
/// The job store cannot be used: its data directory (<see cref="JobsOptions.DataDirectory"/>) cannot be created or
/// written or another process holds it, or its PostgreSQL database cannot be reached. The message is one line for the operator.
/// </summary>
public sealed class DataDirectoryException : IOException
{
    /// <summary>Initializes a new instance of the <see cref="DataDirectoryException"/> class.</summary>
    public DataDirectoryException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DataDirectoryException"/> class.</summary>
    /// <param name="message">The message.</param>
    public DataDirectoryException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DataDirectoryException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DataDirectoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
