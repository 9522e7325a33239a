using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using HotRepos.Host.Api;
using HotRepos.Host.Cli;
using Microsoft.Extensions.Options;
using Serilog;

namespace HotRepos.Host.Web;

/// <summary>
/// The long-running service of <c>hotrepos serve</c>: HTTP API, web page, job worker and scheduler in one host.
/// <see cref="Program.CreateHostBuilder"/> exposes the same builder to <c>WebApplicationFactory</c> in tests.
/// </summary>
internal static class ServeHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static IHostBuilder CreateHostBuilder(string[] args)
    {
        // appsettings.json next to the executable, then environment, then command line (Host.CreateDefaultBuilder's order).
        var builder = Microsoft.Extensions.Hosting.Host.CreateDefaultBuilder(args)
            .UseContentRoot(AppContext.BaseDirectory)
            .ConfigureAppConfiguration((_, configuration) => HotReposConfiguration.InsertGitHubToken(configuration))
            .UseSerilog((context, services, logger) =>
                CliLogging.Configure(logger.ReadFrom.Configuration(context.Configuration).ReadFrom.Services(services), stderr: null))
            .ConfigureWebHostDefaults(web =>
            {
                if (!HasUrls(args))
                {
                    web.UseUrls(DefaultUrl); // loopback unless told otherwise
                }

                web.ConfigureServices((context, services) => AddServices(services, context.Configuration));
                web.Configure(UsePipeline);
            });
        return builder;
    }

    private static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddHotRepos(configuration).AddHotReposSample().AddHotReposJobs(configuration);
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddProblemDetails();
        services.AddRouting();
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

    private static void UsePipeline(IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseSerilogRequestLogging();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseEndpoints(endpoints =>
        {
            endpoints.MapOpenApi();
            endpoints.MapReports();
            endpoints.MapSchedules();
            endpoints.MapHealth();
        });
    }

    private static bool HasUrls(string[] args) =>
        args.Any(a => a.StartsWith("--urls", StringComparison.OrdinalIgnoreCase))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("URLS"));
}
