using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace HotRepos.Jobs;

/// <summary>
/// The bounded queue of job ids between enqueuers and the <see cref="JobWorker"/>. It never blocks an enqueuer:
/// a full queue says so. An id already waiting is not queued twice (recovery at start can meet jobs that were
/// queued moments before).
/// </summary>
internal sealed class JobQueue(IOptions<JobsOptions> options)
{
    private readonly ConcurrentDictionary<string, byte> _waiting = new(StringComparer.Ordinal);
    private readonly Channel<string> _channel = Channel.CreateBounded<string>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    /// <summary>Queues a new job; <see langword="false"/> when the queue is full.</summary>
    public bool TryEnqueue(string id)
    {
        if (!_waiting.TryAdd(id, 0))
        {
            return true;
        }

        if (_channel.Writer.TryWrite(id))
        {
            return true;
        }

        _waiting.TryRemove(id, out _);
        return false;
    }

    /// <summary>Queues a recovered job, waiting for room: recovery must not drop jobs the store already holds.</summary>
    public async ValueTask RequeueAsync(string id, CancellationToken cancellationToken)
    {
        if (_waiting.TryAdd(id, 0))
        {
            await _channel.Writer.WriteAsync(id, cancellationToken);
        }
    }

    /// <summary>The queued ids, each once, as the worker takes them.</summary>
    public async IAsyncEnumerable<string> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var id in _channel.Reader.ReadAllAsync(cancellationToken))
        {
            _waiting.TryRemove(id, out _);
            yield return id;
        }
    }
}
