using Serilog.Events;

namespace HotRepos.App.Web;

/// <summary>
/// The level of each request's log line (<c>UseSerilogRequestLogging</c>'s <c>GetLevel</c>). Serilog's default logs
/// every 5xx at Error, so a full queue turned into a stream of ERR lines; expected outcomes stay below Error:
/// <list type="bullet">
/// <item>an exception or a 5xx other than 503: Error (a fault of the service);</item>
/// <item>503 (the job queue is full): Warning (the service sheds load as designed; worth noticing, not a fault);</item>
/// <item>other 4xx (bad input, unknown id, wrong key, 429): Information;</item>
/// <item>a successful read (GET or HEAD, status below 400): Debug, since the page polls a job, the list and
/// <c>/healthz</c> every second or so; changes (POST, DELETE) stay at Information.</item>
/// </list>
/// </summary>
internal static class RequestLogLevels
{
    public static LogEventLevel Get(HttpContext context, double elapsedMs, Exception? exception)
    {
        var status = context.Response.StatusCode;
        return status switch
        {
            _ when exception is not null => LogEventLevel.Error,
            StatusCodes.Status503ServiceUnavailable => LogEventLevel.Warning,
            >= 500 => LogEventLevel.Error,
            >= 400 => LogEventLevel.Information,
            _ when HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) => LogEventLevel.Debug,
            _ => LogEventLevel.Information,
        };
    }
}
