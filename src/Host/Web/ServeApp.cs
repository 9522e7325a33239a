using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using HotRepos.App.Api;
using HotRepos.App.Cli;
using HotRepos.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Serilog;

namespace HotRepos.App.Web;

/// <summary>The long-running service of <c>hotrepos serve</c>: HTTP API, web page, job worker and scheduler in one <see cref="WebApplication"/>.</summary>
internal static class ServeApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Builds the service; <paramref name="configure"/> lets tests add configuration before services are registered.</summary>
    /// <exception cref="InvalidDataException">appsettings.json is not valid JSON.</exception>
    public static WebApplication Build(string[] args, string? environmentName = null, Action<WebApplicationBuilder>? configure = null, string? contentRoot = null)
    {
        // appsettings.json (and wwwroot) next to the executable, then environment, then command line.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = contentRoot ?? AppContext.BaseDirectory,
            EnvironmentName = environmentName,
        });
        HotReposConfiguration.InsertGitHubToken(builder.Configuration);
        if (!HasUrls(args))
        {
            builder.WebHost.UseUrls(DefaultUrl); // loopback unless told otherwise
        }

        configure?.Invoke(builder);
        builder.Services.AddSerilog((services, logger) => CliLogging.ConfigureService(logger, builder.Configuration, services));
        AddServices(builder);

        var app = builder.Build();
        UsePipeline(app);
        return app;
    }

    private static void AddServices(WebApplicationBuilder builder)
    {
        var (services, configuration) = (builder.Services, builder.Configuration);
        services.AddHotRepos(configuration).AddHotReposSample().AddHotReposJobs(configuration).AddHotReposNotifications(configuration);
        services.Replace(ServiceDescriptor.Singleton<IJobJsonWriter, ApiJobJsonWriter>()); // webhooks carry the API's job JSON
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>());
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ProblemTypes.Apply);
        services.Configure<ExceptionHandlerOptions>(handler => handler.StatusCodeSelector = ex =>
            ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError); // bad input is never a 500
        services.AddOpenApi(ApiOpenApi.Configure);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ApiOptions>>(ConfigureForwardedHeaders);
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(ReportsApi.CreatePolicy, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.CreatePerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "60";
                await TypedResults.Problem("too many reports created from this client; try again in a minute", statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
    }

    /// <summary>
    /// <c>X-Forwarded-For</c> is believed only from the configured proxies, so behind a reverse proxy each client is
    /// limited by its own address, and a client elsewhere cannot pick one. Without proxies the header is ignored (the
    /// middleware would otherwise trust every sender once both lists are empty).
    /// </summary>
    private static void ConfigureForwardedHeaders(ForwardedHeadersOptions forwarded, IOptions<ApiOptions> api)
    {
        var (addresses, networks) = api.Value.ParseKnownProxies();
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var address in addresses)
        {
            forwarded.KnownProxies.Add(address);
        }

        foreach (var network in networks)
        {
            forwarded.KnownIPNetworks.Add(network);
        }

        forwarded.ForwardLimit = null; // walk back through every trusted proxy, stop at the first address that is not one
        forwarded.ForwardedHeaders = addresses.Count + networks.Count > 0 ? ForwardedHeaders.XForwardedFor : ForwardedHeaders.None;
    }

    private static void UsePipeline(WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseSerilogRequestLogging(logging =>
        {
            logging.GetLevel = RequestLogLevels.Get;
            logging.Logger = app.Services.GetRequiredService<Serilog.ILogger>(); // this app's, not the static Log.Logger
        });
        app.UseRouting();
        app.UseMiddleware<ApiKeyMiddleware>(); // before the rate limiter: a request without the key uses nobody's quota
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapReports();
        app.MapRepositories();
        app.MapSchedules();
        app.MapHealth();
    }

    private static bool HasUrls(string[] args) =>
        args.Any(a => a.StartsWith("--urls", StringComparison.OrdinalIgnoreCase))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("URLS"));
}
