namespace HotRepos.Jobs;

/// <summary>
/// The job store's data directory (<see cref="JobsOptions.DataDirectory"/>) cannot be used: it cannot be created or
/// written, or another process holds it. The message is one line for the operator, naming the directory.
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
