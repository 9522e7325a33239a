namespace HotRepos.Jobs;

/// <summary>Where a <see cref="JobDelivery"/> is. A delivery's state never changes its job's state.</summary>
public enum DeliveryState
{
    /// <summary>Not sent yet, or failed and to be tried again.</summary>
    Pending,

    /// <summary>The receiver acknowledged it; never sent again.</summary>
    Delivered,

    /// <summary>Given up; <see cref="JobDelivery.LastError"/> says why.</summary>
    Failed,
}
