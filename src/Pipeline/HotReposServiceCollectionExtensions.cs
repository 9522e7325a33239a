using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using HotRepos.GitHub;
using HotRepos.Jobs;
using HotRepos.Ranking;
using HotRepos.Notifications;
using HotRepos.Reports;
using HotRepos.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using HotRepos.GitHub.Resilience;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers HotRepos. <c>services.AddHotRepos(...)</c> adds reports only (GitHub client, the report graph, the
/// generator): no file, no database, no schedule, no background work beyond the graph. <c>services.AddHotReposJobs(...)</c>
/// opts into the job store, queue, worker and scheduler.
/// </summary>
public static class HotReposServiceCollectionExtensions
{
    /// <summary>
    /// The name of the <see cref="HttpClient"/> that posts webhooks. It logs nothing of its own: a webhook's URL can
    /// hold a token (Slack's does), so the client factory's request logging is removed from it.
    /// </summary>
    public const string WebhookHttpClientName = "HotRepos.Webhooks";

    /// <summary>
    /// The name of the <see cref="HttpClient"/> that calls the GitHub Search API, for
    /// <c>services.AddHttpClient(GitHubHttpClientName)</c> to add handlers or replace the primary handler
    /// (<c>AddHotReposSample()</c> from HotRepos.Sample does the latter for <see cref="RepositorySource.Sample"/>).
    /// </summary>
    public const string GitHubHttpClientName = "HotRepos.GitHub";

    private const string SampleMissingMessage =
        "HotRepos:GitHub:Source is Sample, but the offline sample is not registered: it lives in HotRepos.Sample; "
        + "reference it and call services.AddHotReposSample() after AddHotRepos.";

    /// <summary>Adds reports with options bound from the <c>HotRepos:GitHub</c> and <c>HotRepos:Reports</c> sections of <paramref name="configuration"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration holding <c>HotRepos:GitHub</c> and <c>HotRepos:Reports</c>.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddHotRepos(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GitHubOptions>().Bind(configuration.GetSection(GitHubOptions.SectionName));
        services.AddOptions<ReportsOptions>().Bind(configuration.GetSection(ReportsOptions.SectionName));
        return services.AddReports();
    }

    /// <summary>Adds reports configured in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configureGitHub">Sets GitHub options, such as the token; may be <see langword="null"/>.</param>
    /// <param name="configureReports">Sets report options, such as the output folder; may be <see langword="null"/>.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddHotRepos(
        this IServiceCollection services,
        Action<GitHubOptions>? configureGitHub = null,
        Action<ReportsOptions>? configureReports = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        Configure(services, configureGitHub);
        Configure(services, configureReports);
        return services.AddReports();
    }

    /// <summary>
    /// Adds background jobs: the job store (SQLite in <c>HotRepos:Jobs:DataDirectory</c> unless told otherwise), the
    /// queue, the worker and the scheduler with its schedules, bound from <c>HotRepos:Jobs</c> and <c>HotRepos:Schedules</c>
    /// (and the PostgreSQL store's connection string from <c>ConnectionStrings:HotRepos</c>).
    /// Reports are added too; call <see cref="AddHotRepos(IServiceCollection, IConfiguration)"/> for their options.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration holding <c>HotRepos:Jobs</c> and <c>HotRepos:Schedules</c>.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddHotReposJobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<JobsOptions>()
            .Bind(configuration.GetSection(JobsOptions.SectionName))
            .Configure(options => options.ConnectionString ??= configuration.GetConnectionString("HotRepos"));
        services.AddOptions<SchedulerOptions>().Bind(configuration.GetSection(SchedulerOptions.SectionName));
        return services.AddJobs();
    }

    /// <summary>Adds background jobs configured in code; see <see cref="AddHotReposJobs(IServiceCollection, IConfiguration)"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configureJobs">Sets job options, such as the store; may be <see langword="null"/>.</param>
    /// <param name="configureScheduler">Sets the schedules; may be <see langword="null"/>.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddHotReposJobs(
        this IServiceCollection services,
        Action<JobsOptions>? configureJobs = null,
        Action<SchedulerOptions>? configureScheduler = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        Configure(services, configureJobs);
        Configure(services, configureScheduler);
        return services.AddJobs();
    }

    /// <summary>
    /// Adds notifications of finished jobs (webhooks and e-mail), bound from <c>HotRepos:Notifications</c>: which
    /// ends are notified is decided with the end and stored with it (the outbox, in the job store), and a background
    /// dispatcher sends them. Jobs are added too; call <see cref="AddHotReposJobs(IServiceCollection, IConfiguration)"/> for their options.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration holding <c>HotRepos:Notifications</c>.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddHotReposNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NotificationsOptions>().Bind(configuration.GetSection(NotificationsOptions.SectionName));
        return services.AddNotifications();
    }

    /// <summary>Adds notifications configured in code; see <see cref="AddHotReposNotifications(IServiceCollection, IConfiguration)"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the webhooks, the e-mail and the retry settings; may be <see langword="null"/>.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddHotReposNotifications(this IServiceCollection services, Action<NotificationsOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        Configure(services, configure);
        return services.AddNotifications();
    }

    private static void Configure<TOptions>(IServiceCollection services, Action<TOptions>? configure)
        where TOptions : class
    {
        if (configure is not null)
        {
            services.Configure(configure);
        }
    }

    private static IServiceCollection AddReports(this IServiceCollection services)
    {
        // A second call only adds its configuration (above); services and validators are registered once.
        if (services.Any(d => d.ServiceType == typeof(ReportsMarker)))
        {
            return services;
        }

        services.AddSingleton<ReportsMarker>();

        // Options are validated at host start (and on first use outside a host): bad configuration stops early.
        services.AddOptions<GitHubOptions>().ValidateOnStart();
        services.AddOptions<ReportsOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GitHubOptions>, GitHubOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReportsOptions>, ReportsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddGitHub();
        services.TryAddSingleton<ReportGraph>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportGraph>());
        services.TryAddSingleton<ReportGenerator>();
        services.TryAddSingleton<IReportGenerator>(sp => sp.GetRequiredService<ReportGenerator>());
        return services;
    }

    private static void AddGitHub(this IServiceCollection services)
    {
        services.TryAddSingleton<AdaptiveFetchLimit>();
        services.TryAddSingleton<IRateLimitWindowStore, LocalRateLimitWindowStore>();
        services.TryAddSingleton<RateLimitGate>();
        services.TryAddTransient<GitHubRateLimitHandler>();
        services.TryAddSingleton<IPageSource, PageFetcher>();

        // Outermost first: retry → rate-limit gate → per-try timeout → sockets (or the offline sample, see below). The
        // graph's one PageFetcher keeps its client for the process's life, so the handler is not rotated: the sockets
        // handler renews its connections itself (PooledConnectionLifetime).
        // The typed client comes from a factory: by default HttpClientFactory builds its constructor call as a compiled
        // expression tree on first use, ~14 ms of a one-shot report's start-up (benchmarks/RESULTS.md, "Start-up cuts, round 2").
        services
            .AddHttpClient(GitHubHttpClientName, ConfigureClient)
            .AddTypedClient((http, provider) => new GitHubSearchClient(
                http, provider.GetRequiredService<IOptions<GitHubOptions>>(), provider.GetRequiredService<TimeProvider>()))
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddPolicyHandler(GitHubPolicies.HandlerRetry)
            .AddHttpMessageHandler<GitHubRateLimitHandler>()
            .AddPolicyHandler(GitHubPolicies.AttemptTimeout);

        // A post-configure action runs after every configure action, so after AddHotReposSample had its chance to
        // swap the sockets handler for the sample: if it did not, Source = Sample would silently call api.github.com.
        services.PostConfigure<HttpClientFactoryOptions>(
            GitHubHttpClientName,
            options => options.HttpMessageHandlerBuilderActions.Add(RequireSampleWhenSelected));
    }

    private static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddReports();
        if (services.Any(d => d.ServiceType == typeof(JobsMarker)))
        {
            return services;
        }

        services.AddSingleton<JobsMarker>();
        services.AddOptions<JobsOptions>().ValidateOnStart();
        services.AddOptions<SchedulerOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchedulerOptions>, SchedulerOptionsAnnotationsValidator>());
        services.TryAddSingleton<IJobStore>(sp => sp.GetRequiredService<IOptions<JobsOptions>>().Value.Store switch
        {
            JobStoreKind.Memory => new InMemoryJobStore(),
            JobStoreKind.Postgres => ActivatorUtilities.CreateInstance<PostgresJobStore>(sp),
            _ => ActivatorUtilities.CreateInstance<SqliteJobStore>(sp),
        });
        // With PostgreSQL, every instance spends one GitHub quota: the rate-limit gate's window is kept there.
        services.Replace(ServiceDescriptor.Singleton<IRateLimitWindowStore>(sp => sp.GetRequiredService<IJobStore>() is PostgresJobStore postgres
            ? ActivatorUtilities.CreateInstance<PostgresRateLimitWindowStore>(sp, postgres)
            : new LocalRateLimitWindowStore()));

        // Reports measure star movement against the store's snapshots (a store of its own may keep none).
        services.TryAddSingleton<IRepositorySnapshots>(sp => sp.GetRequiredService<IJobStore>() as IRepositorySnapshots
            ?? throw new InvalidOperationException($"the job store {sp.GetRequiredService<IJobStore>().GetType().Name} keeps no snapshots"));
        services.TryAddSingleton<IStarHistory>(sp => sp.GetRequiredService<IJobStore>() as IStarHistory ?? NoStarHistory.Instance);
        services.TryAddSingleton<JobQueue>();
        services.TryAddSingleton<RunningJobs>();
        services.TryAddSingleton<JobRetention>();
        services.TryAddSingleton<IJobDeliveryPlanner, NoJobDeliveries>();
        services.TryAddSingleton<IReportJobs, ReportJobs>();

        // Before the worker: the data directory is taken (and the store checked) before any job runs.
        services.TryAddSingleton<JobsStartup>();
        services.TryAddSingleton<IJobsStartup>(sp => sp.GetRequiredService<JobsStartup>());
        services.AddHostedService(sp => sp.GetRequiredService<JobsStartup>());
        services.AddHostedService<JobWorker>();
        services.TryAddSingleton<IJobsHealth, JobsHealth>();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchedulerOptions>, SchedulerOptionsValidator>());
        services.TryAddSingleton<IReportSchedules, ReportSchedules>();
        services.AddHostedService<ReportScheduler>();
        return services;
    }

    private static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddJobs();
        if (services.Any(d => d.ServiceType == typeof(NotificationsMarker)))
        {
            return services;
        }

        services.AddSingleton<NotificationsMarker>();
        services.AddOptions<NotificationsOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationsOptions>, NotificationsOptionsAnnotationsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationsOptions>, NotificationsOptionsValidator>());

        // Replaces AddJobs' "no notifications", whichever was called first.
        services.Replace(ServiceDescriptor.Singleton<IJobDeliveryPlanner, NotificationPlanner>());
        services.TryAddSingleton<IJobJsonWriter, JobJsonWriter>();
        services.TryAddSingleton<NotificationText>();
        services.TryAddSingleton<EmailSender>();
        services.TryAddSingleton<DeliverySender>();
        services.TryAddSingleton<WebhookSender>();
        services.AddHttpClient(WebhookHttpClientName, http =>
            {
                // Each attempt's timeout is the dispatcher's (NotificationsOptions.AttemptTimeout).
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("HotRepos", ProductVersion));
            })
            .RemoveAllLoggers();
        services.AddHostedService<DeliveryDispatcher>();
        return services;
    }

    private static void ConfigureClient(IServiceProvider services, HttpClient http)
    {
        var options = services.GetRequiredService<IOptions<GitHubOptions>>().Value;
        http.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");

        // Each attempt has its own timeout (GitHubOptions.RequestTimeout) that covers the body as well.
        http.Timeout = Timeout.InfiniteTimeSpan;
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("HotRepos", ProductVersion));
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        http.DefaultRequestHeaders.Add("X-GitHub-Api-Version", "2022-11-28");
        if (!string.IsNullOrWhiteSpace(options.Token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token.Trim());
        }
    }

    private static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Brotli | DecompressionMethods.Deflate,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(15),
    };

    private static void RequireSampleWhenSelected(HttpMessageHandlerBuilder builder)
    {
        var options = builder.Services.GetRequiredService<IOptions<GitHubOptions>>().Value;
        if (options.Source == RepositorySource.Sample && builder.PrimaryHandler is SocketsHttpHandler)
        {
            throw new InvalidOperationException(SampleMissingMessage);
        }
    }

    private static string ProductVersion =>
        typeof(HotReposServiceCollectionExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    private sealed class ReportsMarker;

    /// <summary>The history of a job store that keeps no snapshots: nothing was observed before.</summary>
    private sealed class NoStarHistory : IStarHistory
    {
        public static readonly NoStarHistory Instance = new();

        public Task<IReadOnlyDictionary<long, StarObservation>> GetLatestBeforeAsync(IReadOnlyCollection<long> ids, DateTimeOffset before, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<long, StarObservation>>(new Dictionary<long, StarObservation>());
    }

    private sealed class JobsMarker;

    private sealed class NotificationsMarker;
}
