using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using HotRepos.App.Api;
using HotRepos.App.Cli;
using Microsoft.Extensions.Options;
using Serilog;

namespace HotRepos.App.Web;

/// <summary>The long-running service of <c>hotrepos serve</c>: HTTP API, web page, job worker and scheduler in one <see cref="WebApplication"/>.</summary>
internal static class ServeApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Builds the service; <paramref name="configure"/> lets tests add configuration before services are registered.</summary>
    public static WebApplication Build(string[] args, string? environmentName = null, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json next to the executable, then environment, then command line.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
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
        services.AddHotRepos(configuration).AddHotReposSample().AddHotReposJobs(configuration);
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddProblemDetails();
        services.AddOpenApi();
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

    private static void UsePipeline(WebApplication app)
    {
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
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapReports();
        app.MapSchedules();
        app.MapHealth();
    }

    private static bool HasUrls(string[] args) =>
        args.Any(a => a.StartsWith("--urls", StringComparison.OrdinalIgnoreCase))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("URLS"));
}
