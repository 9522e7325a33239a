using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace HotRepos.Jobs;

/// <summary>The bounded queue of job ids between enqueuers and the <see cref="JobWorker"/>. It never blocks an enqueuer: a full queue says so.</summary>
internal sealed class JobQueue(IOptions<JobsOptions> options)
{
    private readonly Channel<string> _channel = Channel.CreateBounded<string>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    public ChannelReader<string> Reader => _channel.Reader;

    /// <summary>Queues a new job; <see langword="false"/> when the queue is full.</summary>
    public bool TryEnqueue(string id) => _channel.Writer.TryWrite(id);

    /// <summary>Queues a recovered job, waiting for room: recovery must not drop jobs the store already holds.</summary>
    public ValueTask RequeueAsync(string id, CancellationToken cancellationToken) => _channel.Writer.WriteAsync(id, cancellationToken);
}
