using System.Net;
using HotRepos.Jobs;
using HotRepos.Tests.Jobs;
using HotRepos.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HotRepos.Tests.Integration;

/// <summary>
/// An upstream (a GitHub-compatible server, or a proxy in front of GitHub) that echoes the token back in its
/// answer: the token must not reach an error message, a log line or the job store.
/// </summary>
public sealed class UpstreamTokenEchoTests : IDisposable
{
    private const string Token = "ghp_EchoedBack0123456789abcdefABCDEFsecret";

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task RunJob_UpstreamEchoesTheToken_StoredErrorAndLogsCarryItRedacted(HttpStatusCode status)
    {
        await using var upstream = EchoingUpstream.Start(status);
        var logs = new CapturingLoggerProvider();
        await using var host = await JobWorkerTestHost.CreateAsync(
            Ct,
            configureGitHub: github =>
            {
                github.BaseUrl = upstream.BaseUrl.ToString();
                github.Token = Token;
                github.RetryCount = 1;
            },
            configureServices: services => services
                .AddSingleton<ILoggerProvider>(logs)
                .Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Trace));
        await host.StartAsync(Ct);

        var job = await host.EnqueueAsync(TestJobs.Request(), Ct);
        var failed = await host.WaitForFinalAsync(job.Id, Ct);

        Assert.Equal(JobState.Failed, failed.State);
        Assert.True(upstream.Requests > 0, "the upstream should have been asked");
        Assert.NotNull(failed.Error);
        Assert.DoesNotContain(Token, failed.Error, StringComparison.Ordinal);
        Assert.Contains("Bearer ***", failed.Error, StringComparison.Ordinal);
        Assert.NotEmpty(logs.Lines);
        Assert.All(logs.Lines, line => Assert.DoesNotContain(Token, line, StringComparison.Ordinal));
    }
}
