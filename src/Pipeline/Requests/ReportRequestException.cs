namespace HotRepos.Requests;

/// <summary>A report request with one or more invalid fields.</summary>
public sealed class ReportRequestException : ArgumentException
{
    /// <summary>Initializes a new instance of the <see cref="ReportRequestException"/> class.</summary>
    public ReportRequestException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ReportRequestException"/> class.</summary>
    /// <param name="message">The message.</param>
    public ReportRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ReportRequestException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ReportRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ReportRequestException"/> class.</summary>
    /// <param name="errors">The invalid fields.</param>
    public ReportRequestException(IReadOnlyList<ReportRequestError> errors)
        : base(string.Join("; ", (errors ?? throw new ArgumentNullException(nameof(errors))).Select(e => e.Message)))
    {
        Errors = errors;
    }

    /// <summary>Gets the invalid fields.</summary>
    public IReadOnlyList<ReportRequestError> Errors { get; } = [];
}
