using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HotRepos.Tests.TestSupport;

/// <summary>
/// A misbehaving GitHub-compatible server (or a proxy in front of one) on 127.0.0.1: it answers every request with
/// <c>status</c> and echoes the request's <c>Authorization</c> value into its reason phrase, a header, GitHub's
/// <c>message</c> and <c>errors[]</c> (JSON), or the first line of a plain-text body.
/// </summary>
internal sealed class EchoingUpstream : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpStatusCode _status;
    private readonly Task _loop;
    private int _requests;

    private EchoingUpstream(HttpStatusCode status)
    {
        _status = status;
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    public int Requests => Volatile.Read(ref _requests);

    public static EchoingUpstream Start(HttpStatusCode status) => new(status);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            var echoed = context.Request.Headers["Authorization"] ?? "(none)";
            var response = context.Response;
            response.StatusCode = (int)_status;
            response.StatusDescription = $"Refused {echoed}";
            response.Headers["X-Upstream-Saw"] = echoed;
            string body;
            if (_status == HttpStatusCode.InternalServerError)
            {
                response.ContentType = "text/plain; charset=utf-8";
                body = $"proxy error: upstream refused {echoed}\nsecond line";
            }
            else
            {
                response.ContentType = "application/json; charset=utf-8";
                body = $$"""{"message":"credentials {{echoed}} rejected","errors":[{"resource":"Search","field":"q","code":"invalid","message":"not allowed with {{echoed}}"}],"documentation_url":"https://docs.github.com/rest"}""";
            }

            var bytes = Encoding.UTF8.GetBytes(body);
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
            response.Close();
        }
    }
}
