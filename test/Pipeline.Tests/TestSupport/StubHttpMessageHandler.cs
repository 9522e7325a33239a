using System.Net;
using System.Text;

namespace HotRepos.Tests.TestSupport;

/// <summary>
/// A stand-in for the remote GitHub server: answers every request with a canned response and records what
/// was asked. It replaces the transport under <see cref="HttpClient"/>, not any of HotRepos' own types.
/// </summary>
internal sealed class StubHttpMessageHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    private readonly List<RecordedRequest> _requests = [];

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Answers every request with <paramref name="status"/>, the UTF-8 <paramref name="body"/> and the headers.</summary>
    public static StubHttpMessageHandler Answering(HttpStatusCode status, string body, params (string Name, string Value)[] headers) =>
        AnsweringBytes(status, Encoding.UTF8.GetBytes(body), "application/json", headers);

    /// <summary>Answers every request with a plain-text body, as GitHub's User-Agent refusal and proxies do.</summary>
    public static StubHttpMessageHandler AnsweringText(HttpStatusCode status, string body, params (string Name, string Value)[] headers) =>
        AnsweringBytes(status, Encoding.UTF8.GetBytes(body), "text/plain", headers);

    public static StubHttpMessageHandler AnsweringBytes(HttpStatusCode status, byte[] body, string contentType, params (string Name, string Value)[] headers) =>
        new(_ => CreateResponse(status, new ByteArrayContent(body), contentType, headers));

    /// <summary>Answers with a body that breaks off with an <see cref="IOException"/> after <paramref name="prefix"/>.</summary>
    public static StubHttpMessageHandler AnsweringBrokenBody(HttpStatusCode status, string prefix) =>
        new(_ => CreateResponse(status, new StreamContent(new BreakingStream(Encoding.UTF8.GetBytes(prefix))), "application/json", []));

    /// <summary>Fails every request before any answer, as a refused or reset connection does.</summary>
    public static StubHttpMessageHandler Failing(Exception exception) => new(_ => throw exception);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_requests)
        {
            _requests.Add(new RecordedRequest(
                request.Method,
                request.RequestUri ?? throw new InvalidOperationException("The request has no URI."),
                request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase)));
        }

        var response = respond(request);

        // A real transport (SocketsHttpHandler) links the answer to its request; error messages rely on it.
        response.RequestMessage = request;
        return Task.FromResult(response);
    }

    private static HttpResponseMessage CreateResponse(HttpStatusCode status, HttpContent content, string contentType, (string Name, string Value)[] headers)
    {
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var response = new HttpResponseMessage(status) { Content = content };
        foreach (var (name, value) in headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                throw new ArgumentException($"'{name}' is not a response header.", nameof(headers));
            }
        }

        return response;
    }
}
