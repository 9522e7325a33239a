namespace HotRepos.Jobs;

/// <summary>The job queue is full; try again later (the HTTP API answers 503 with <c>Retry-After</c>).</summary>
public sealed class QueueFullException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="QueueFullException"/> class.</summary>
    public QueueFullException()
        : base("the report queue is full; try again in a minute")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="QueueFullException"/> class.</summary>
    /// <param name="message">The message.</param>
    public QueueFullException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="QueueFullException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public QueueFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
