using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HotRepos.Tests.TestSupport;

/// <summary>One request a <see cref="WebhookReceiver"/> got, and whether its answer reached a live client.</summary>
internal sealed record ReceivedWebhook(byte[] Body, IReadOnlyDictionary<string, string> Headers, int Status, bool Acknowledged)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A webhook endpoint on a real loopback socket (Kestrel). <c>answer</c> gets each request's number (0 first) and
/// returns the status code, after waiting as long as a test wants. A request counts as acknowledged only if it was
/// answered 2xx while its client was still connected.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    // A path shaped like a Slack URL's token, to show it never reaches a log or an API answer.
    public const string SecretPath = "/services/T0000/B0000/tok3n-in-the-url";

    private readonly WebApplication _app;
    private readonly Func<int, CancellationToken, Task<int>> _answer;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private int _count;

    private WebhookReceiver(WebApplication app, Func<int, CancellationToken, Task<int>> answer) => (_app, _answer) = (app, answer);

    public Uri Url { get; private set; } = null!;

    /// <summary>Gets the requests answered so far (a held one is listed once its answer is given).</summary>
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>Gets how many requests have arrived, answered or still held.</summary>
    public int Arrivals => Volatile.Read(ref _count);

    public static async Task<WebhookReceiver> StartAsync(Func<int, CancellationToken, Task<int>> answer, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, answer);
        app.MapPost(SecretPath, receiver.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + SecretPath);
        return receiver;
    }

    /// <summary>Answers every request with <paramref name="status"/>.</summary>
    public static Task<WebhookReceiver> StartAsync(int status, CancellationToken cancellationToken) =>
        StartAsync((_, _) => Task.FromResult(status), cancellationToken);

    private async Task HandleAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _count) - 1;
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            status = await _answer(number, context.RequestAborted);
            context.Response.StatusCode = status;
            await context.Response.CompleteAsync();
        }
        finally
        {
            var acknowledged = status is >= 200 and < 300 && !context.RequestAborted.IsCancellationRequested;
            _received.Enqueue(new ReceivedWebhook(body.ToArray(), headers, status, acknowledged));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
