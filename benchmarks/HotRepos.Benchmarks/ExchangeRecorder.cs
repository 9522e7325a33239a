using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HotRepos.Sample;
using Microsoft.Extensions.DependencyInjection;

namespace HotRepos.Benchmarks;

/// <summary>One HTTP attempt as the client saw it, just above the sockets (below retries, the gate and timeouts).</summary>
internal sealed record Exchange(string Q, int Page, int Status, TimeSpan Started, TimeSpan Latency, long? ResetEpochSeconds, int? Remaining);

/// <summary>Records every attempt of the typed GitHub client; the innermost handler, so it sees each try.</summary>
internal sealed class ExchangeRecorder
{
    private readonly ConcurrentQueue<Exchange> _exchanges = new();
    private long _origin = Stopwatch.GetTimestamp();

    public IReadOnlyList<Exchange> Exchanges => [.. _exchanges];

    /// <summary>Adds the recording handler innermost to HotRepos' typed client (call after AddHotRepos).</summary>
    public IServiceCollection AddTo(IServiceCollection services)
    {
        // HotRepos registers its client under this name; handlers added now run after (inside) HotRepos' own.
        services.AddHttpClient(HotReposServiceCollectionExtensions.GitHubHttpClientName).AddHttpMessageHandler(() => new RecordingHandler(this));
        return services;
    }

    public void Clear()
    {
        _exchanges.Clear();
        _origin = Stopwatch.GetTimestamp();
    }

    private sealed class RecordingHandler(ExchangeRecorder recorder) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            var response = await base.SendAsync(request, cancellationToken);
            var latency = Stopwatch.GetElapsedTime(started);
            var query = QueryString.Parse(request.RequestUri!.Query);
            recorder._exchanges.Enqueue(new Exchange(
                query.GetValueOrDefault("q", ""),
                int.Parse(query.GetValueOrDefault("page", "1"), CultureInfo.InvariantCulture),
                (int)response.StatusCode,
                Stopwatch.GetElapsedTime(recorder._origin, started),
                latency,
                Header(response, "X-RateLimit-Reset") is { } reset ? long.Parse(reset, CultureInfo.InvariantCulture) : null,
                Header(response, "X-RateLimit-Remaining") is { } remaining ? int.Parse(remaining, CultureInfo.InvariantCulture) : null));
            return response;
        }

        private static string? Header(HttpResponseMessage response, string name)
            => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
    }
}
