using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text.Json;
using HotRepos.Sample;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace HotRepos.GitHubEmulator;

/// <summary>
/// A GitHub Search API on 127.0.0.1 over real sockets: <c>GET /search/repositories</c> and
/// <c>GET /api/v3/search/repositories</c> over the deterministic sample catalog, with GitHub's rate limits,
/// errors and headers, plus injectable faults and counters for assertions.
/// </summary>
internal sealed class GitHubEmulatorServer : IAsyncDisposable
{
    private const string SearchPath = "/search/repositories";
    private const string FaultItem = "HotRepos.Fault";
    private const string EnterprisePrefix = "/api/v3";
    private const string UserAgentMessage = "Request forbidden by administrative rules. Please make sure your request has a User-Agent header";

    private readonly EmulatorOptions _options;
    private IReadOnlyList<SampleRepository> _catalog;
    private readonly PrimaryRateLimiter _rateLimiter;
    private readonly FaultPlanner _planner = new();
    private readonly HashSet<string> _validTokens;
    private WebApplication? _app;
    private EmulatorStats _stats = new();
    private FaultOptions _faults;
    private int _inFlight;

    private GitHubEmulatorServer(EmulatorOptions options)
    {
        _options = options;
        _faults = options.Faults;
        Today = options.Today ?? DateOnly.FromDateTime(options.TimeProvider.GetUtcNow().UtcDateTime);
        var catalog = SampleCatalog.Create(Today, options.RepositoryCount, options.Seed);
        _catalog = options.ShapeCatalog?.Invoke(catalog) ?? catalog;
        _rateLimiter = new PrimaryRateLimiter(options.TimeProvider, options.RateLimitWindow);
        _validTokens = new HashSet<string>(options.ValidTokens, StringComparer.Ordinal);
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary><see cref="BaseUrl"/> + <c>api/v3/</c>, as GitHub Enterprise Server serves the API.</summary>
    public Uri EnterpriseBaseUrl => new(BaseUrl, "api/v3/");

    public DateOnly Today { get; }

    public IReadOnlyList<SampleRepository> Catalog => Volatile.Read(ref _catalog);

    /// <summary>
    /// Replaces the catalog served from the next request on, as time passes on GitHub: stars gained or lost, a
    /// repository renamed (same id, new name). <paramref name="update"/> gets the current catalog.
    /// </summary>
    public void UpdateCatalog(Func<IReadOnlyList<SampleRepository>, IReadOnlyList<SampleRepository>> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        Volatile.Write(ref _catalog, update(Catalog));
    }

    /// <summary>Swappable between requests; applies to requests that arrive afterwards.</summary>
    public FaultOptions Faults
    {
        get => Volatile.Read(ref _faults);
        set => Volatile.Write(ref _faults, value ?? FaultOptions.None);
    }

    public EmulatorStats Stats => Volatile.Read(ref _stats);

    /// <summary>Cancelled when the host stops on its own, as on SIGTERM (its console lifetime handles SIGINT and SIGTERM).</summary>
    public CancellationToken Stopping => _app?.Lifetime.ApplicationStopping ?? CancellationToken.None;

    /// <summary>Search requests being answered right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public static async Task<GitHubEmulatorServer> StartAsync(EmulatorOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var server = new GitHubEmulatorServer(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        server._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Zeroes the counters, the fault attempt counters and the rate-limit windows.</summary>
    public void ResetStats()
    {
        Volatile.Write(ref _stats, new EmulatorStats());
        _planner.Reset();
        _rateLimiter.Reset();
    }

    /// <summary>The exact ranked full names a fault-free, drift-free paged fetch of <paramref name="q"/> returns.</summary>
    public IReadOnlyList<string> ExpectedRanking(string q, int top, string sort = "stars", string order = "desc")
    {
        if (!SearchRequest.TryParse(q, sort, order, null, null, out var request, out var error))
        {
            throw new ArgumentException(error.Errors?[0].Message ?? error.Message, nameof(q));
        }

        return [.. RepositorySearch.Rank(Catalog, request.Query, request.Sort, request.Ascending)
            .Take(Math.Min(top, SearchRequest.MaxResults)).Select(r => r.FullName)];
    }

    /// <summary>
    /// The server's own top <paramref name="top"/> for <paramref name="q"/> past the 1,000-result cap (stars desc, ties
    /// by id): what a client that reads every match in order would list.
    /// </summary>
    public IReadOnlyList<string> ExpectedFullRanking(string q, int top)
    {
        if (!SearchRequest.TryParse(q, "stars", "desc", null, null, out var request, out var error))
        {
            throw new ArgumentException(error.Errors?[0].Message ?? error.Message, nameof(q));
        }

        return [.. RepositorySearch.Rank(Catalog, request.Query, request.Sort, request.Ascending).Take(top).Select(r => r.FullName)];
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var stats = Stats;
        var inFlight = Interlocked.Increment(ref _inFlight);
        stats.ObserveInFlight(inFlight);
        var recorded = 0;

        // Recorded as the answer starts, not after its last byte: a client may have read the whole answer (and a
        // test asserted on Stats) before this handler returns. An answer that never starts is recorded at the end.
        void Record(int status)
        {
            if (Interlocked.Exchange(ref recorded, 1) == 0)
            {
                stats.Record(Entry(context, status, context.Items.TryGetValue(FaultItem, out var fault) ? (FaultKind?)fault : null));
            }
        }

        context.Response.OnStarting(() =>
        {
            Record(context.Response.StatusCode);
            return Task.CompletedTask;
        });
        try
        {
            await HandleCoreAsync(context, stats, inFlight);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            Record(0);
        }
    }

    private static RequestLogEntry Entry(HttpContext context, int status, FaultKind? fault)
    {
        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString();
        return new RequestLogEntry(
            request.Method,
            request.Path.Value + request.QueryString.Value,
            Header(request, "User-Agent"),
            Header(request, "Accept"),
            Header(request, "X-GitHub-Api-Version"),
            authorization.Length > 0,
            authorization.Length > 0 ? authorization.Split(' ', 2)[0] : null,
            status,
            fault,
            long.TryParse(context.Response.Headers["X-RateLimit-Reset"].ToString(), CultureInfo.InvariantCulture, out var reset) ? reset : null);
    }

    private async Task HandleCoreAsync(HttpContext context, EmulatorStats stats, int inFlight)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Path.Value ?? "/";
        var ct = context.RequestAborted;

        if (path == "/_emulator/stats")
        {
            await WriteStatsAsync(response, stats, ct);
            return;
        }

        var token = Token(request.Headers.Authorization.ToString());
        var rateKey = token is null ? "anonymous" : "token:" + token;
        var limit = token is null ? _options.AnonymousRateLimit : _options.AuthenticatedRateLimit;

        if (string.IsNullOrEmpty(Header(request, "User-Agent")))
        {
            SetRateLimitHeaders(response, _rateLimiter.Peek(rateKey, limit));
            response.StatusCode = 403;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync(UserAgentMessage, ct);
            return;
        }

        if (token is not null && _validTokens.Count > 0 && !_validTokens.Contains(token))
        {
            SetRateLimitHeaders(response, _rateLimiter.Peek(rateKey, limit));
            await WriteErrorAsync(response, GitHubError.BadCredentials(), ct);
            return;
        }

        var prefix = path.StartsWith(EnterprisePrefix + "/", StringComparison.Ordinal) ? EnterprisePrefix : "";
        if (!HttpMethods.IsGet(request.Method) || path[prefix.Length..] != SearchPath)
        {
            SetRateLimitHeaders(response, _rateLimiter.Peek(rateKey, limit));
            await WriteErrorAsync(response, GitHubError.NotFound(), ct);
            return;
        }

        if (_options.MaxConcurrentRequests > 0 && inFlight > _options.MaxConcurrentRequests)
        {
            stats.RecordSecondaryRejection();
            SetRateLimitHeaders(response, _rateLimiter.Peek(rateKey, limit));
            await WriteSecondaryAsync(response, ct);
            return;
        }

        var state = _rateLimiter.Acquire(rateKey, limit);
        SetRateLimitHeaders(response, state);
        if (!state.Allowed)
        {
            stats.RecordPrimaryRejection();
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
            await WriteErrorAsync(response, GitHubError.PrimaryRateLimit(token is null ? null : 1, address), ct);
            return;
        }

        var query = request.Query;
        if (!SearchRequest.TryParse(query["q"], query["sort"], query["order"], query["per_page"], query["page"], out var search, out var error))
        {
            await WriteErrorAsync(response, error, ct);
            return;
        }

        stats.RecordPage(search.Page);
        var faults = Faults;
        if (faults.Gate is { } gate)
        {
            await gate.WaitAsync(ct);
        }

        var decision = _planner.Decide(faults, search.Q, search.PerPage, search.Page);
        if (decision.Delay > TimeSpan.Zero)
        {
            stats.RecordFault(FaultKind.Latency);
            await Task.Delay(decision.Delay, _options.TimeProvider, ct);
        }

        if (decision.Kind is { } kind)
        {
            stats.RecordFault(kind);
            context.Items[FaultItem] = kind;
        }

        switch (decision.Kind)
        {
            case FaultKind.ConnectionReset:
                context.Abort();
                return;
            case FaultKind.InternalServerError:
                await WriteErrorAsync(response, GitHubError.ServerError(500), ct);
                return;
            case FaultKind.BadGateway:
                await WriteErrorAsync(response, GitHubError.ServerError(502), ct);
                return;
            case FaultKind.ServiceUnavailable:
                await WriteErrorAsync(response, GitHubError.ServerError(503), ct);
                return;
            case FaultKind.SecondaryRateLimit:
                await WriteSecondaryAsync(response, ct);
                return;
            case FaultKind.ValidationFailed:
                var refusal = GitHubError.ValidationFailed(
                    "The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.");
                await WriteErrorAsync(response, refusal, ct);
                return;
        }

        var catalog = Catalog;
        if (faults.Drift)
        {
            stats.RecordFault(FaultKind.Drift);
            catalog = Drift(catalog, decision.DriftEpoch);
        }

        var ranked = RepositorySearch.Rank(catalog, search.Query, search.Sort, search.Ascending);
        var body = new ArrayBufferWriter<byte>(4096 + (search.PerPage * 5200));
        var apiBase = request.Scheme + "://" + request.Host.Value + prefix;
        GitHubSearchResponseWriter.WriteSearchResponse(body, apiBase, ranked.Length, decision.Kind == FaultKind.IncompleteResults, RepositorySearch.Page(ranked, search));

        var requestUri = new Uri(BaseUrl, request.Path.Value + request.QueryString.Value);
        if (GitHubLinkHeader.Build(requestUri, search.Page, RepositorySearch.LastPage(ranked.Length, search.PerPage)) is { } link)
        {
            response.Headers["Link"] = link;
        }

        response.StatusCode = 200;
        response.ContentType = "application/json; charset=utf-8";
        var bytes = body.WrittenMemory;
        switch (decision.Kind)
        {
            case FaultKind.TruncatedBody:
                response.ContentLength = bytes.Length;
                await response.Body.WriteAsync(bytes[..(bytes.Length / 2)], ct);
                await response.Body.FlushAsync(ct);
                context.Abort();
                return;
            case FaultKind.MalformedJson:
                var corrupted = new byte[(bytes.Length * 3 / 5) + 3];
                bytes[..(corrupted.Length - 3)].CopyTo(corrupted);
                ",,}"u8.CopyTo(corrupted.AsSpan(corrupted.Length - 3));
                response.ContentLength = corrupted.Length;
                await response.Body.WriteAsync(corrupted, ct);
                return;
            case FaultKind.SlowBody:
                response.ContentLength = bytes.Length;
                var chunk = Math.Max(1, faults.DribbleChunkSize);
                for (var offset = 0; offset < bytes.Length; offset += chunk)
                {
                    await response.Body.WriteAsync(bytes.Slice(offset, Math.Min(chunk, bytes.Length - offset)), ct);
                    await response.Body.FlushAsync(ct);
                    await Task.Delay(faults.DribbleDelay, _options.TimeProvider, ct);
                }

                return;
            default:
                response.ContentLength = bytes.Length;
                await response.Body.WriteAsync(bytes, ct);
                return;
        }
    }

    // Stars only grow, by up to ~10% + 2, differently per request: near-ties swap places between pages.
    private static SampleRepository[] Drift(IReadOnlyList<SampleRepository> catalog, ulong epoch)
    {
        var drifted = new SampleRepository[catalog.Count];
        for (var i = 0; i < drifted.Length; i++)
        {
            var r = catalog[i];
            var bump = (int)(SplitMix64.Hash(epoch, (ulong)r.Id) % (ulong)(3 + (r.Stargazers / 10)));
            drifted[i] = bump == 0 ? r : r with { Stargazers = r.Stargazers + bump };
        }

        return drifted;
    }

    private async Task WriteSecondaryAsync(HttpResponse response, CancellationToken ct)
    {
        response.Headers.RetryAfter = ((int)Math.Ceiling(_options.SecondaryRetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await WriteErrorAsync(response, GitHubError.SecondaryRateLimit(_options.SecondaryStatusCode), ct);
    }

    private static async Task WriteErrorAsync(HttpResponse response, GitHubError error, CancellationToken ct)
    {
        var bytes = GitHubSearchResponseWriter.ErrorBytes(error);
        response.StatusCode = error.Status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, ct);
    }

    private static async Task WriteStatsAsync(HttpResponse response, EmulatorStats stats, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("total_requests", stats.TotalRequests);
            w.WriteNumber("max_in_flight", stats.MaxInFlight);
            w.WriteNumber("primary_rate_limit_rejections", stats.PrimaryRateLimitRejections);
            w.WriteNumber("secondary_rate_limit_rejections", stats.SecondaryRateLimitRejections);
            WriteMap(w, "by_status", stats.ByStatus.Select(p => (p.Key.ToString(CultureInfo.InvariantCulture), p.Value)));
            WriteMap(w, "by_page", stats.ByPage.Select(p => (p.Key.ToString(CultureInfo.InvariantCulture), p.Value)));
            WriteMap(w, "faults", stats.Faults.Select(p => (p.Key.ToString(), p.Value)));
            w.WriteEndObject();
        }

        response.ContentType = "application/json; charset=utf-8";
        await response.Body.WriteAsync(buffer.WrittenMemory, ct);

        static void WriteMap(Utf8JsonWriter w, string name, IEnumerable<(string Key, int Value)> values)
        {
            w.WriteStartObject(name);
            foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                w.WriteNumber(key, value);
            }

            w.WriteEndObject();
        }
    }

    private static void SetRateLimitHeaders(HttpResponse response, RateLimitState state)
    {
        var headers = response.Headers;
        headers["X-RateLimit-Limit"] = state.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = state.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Used"] = state.Used.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = state.ResetEpochSeconds.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Resource"] = "search";
    }

    private static string? Token(string authorization)
    {
        var parts = authorization.Split(' ', 2, StringSplitOptions.TrimEntries);
        return parts.Length == 2 && (parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) || parts[0].Equals("token", StringComparison.OrdinalIgnoreCase))
            ? parts[1]
            : authorization.Length > 0 ? authorization : null;
    }

    private static string? Header(HttpRequest request, string name)
        => request.Headers.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;
}
