namespace HotRepos.Reports;

/// <summary>A report that could not be produced; <see cref="Exception.Message"/> says why in words a user understands.</summary>
public sealed class ReportFailedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ReportFailedException"/> class.</summary>
    public ReportFailedException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ReportFailedException"/> class.</summary>
    /// <param name="message">Why the report failed.</param>
    public ReportFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ReportFailedException"/> class.</summary>
    /// <param name="message">Why the report failed.</param>
    /// <param name="innerException">The cause.</param>
    public ReportFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
