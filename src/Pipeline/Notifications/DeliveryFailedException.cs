namespace HotRepos.Notifications;

/// <summary>An attempt to deliver failed; the message says why in words and never holds a secret or a webhook URL.</summary>
internal sealed class DeliveryFailedException : Exception
{
    public DeliveryFailedException()
    {
    }

    public DeliveryFailedException(string message)
        : base(message)
    {
    }

    public DeliveryFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets a value indicating whether trying again cannot help (a 404 webhook, a refused recipient): the delivery fails now.</summary>
    public bool Permanent { get; init; }
}
