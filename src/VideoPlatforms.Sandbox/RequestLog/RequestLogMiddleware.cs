using System.Diagnostics;
using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.RequestLog;

/// <summary>
/// Outermost middleware: decides which platform a request belongs to, records it, and turns a connection
/// that broke mid-request into a log entry instead of an unhandled exception.
/// </summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, SandboxState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var info = SandboxRequestInfo.Resolve(context.Request.Path, state.Platforms);
        context.Features.Set(info);
        if (info.IsAdmin)
        {
            await next(context);
            return;
        }

        var id = state.Requests.NextId();
        var startedAt = state.Time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        var headers = CaptureHeaders(context.Request.Headers);
        // The entry is written when the request ends; a reader must not see the answer before it can see the entry.
        var ticket = new RequestLogTicket(state.Requests, id);
        context.Features.Set(ticket);
        context.Response.OnStarting(() =>
        {
            ticket.Answering();
            return Task.CompletedTask;
        });
        var body = new CountingReadStream(context.Request.Body);
        context.Request.Body = body;
        string? error = null;
        var failed = false;
        try
        {
            await next(context);
        }
        catch (Exception ex)
        {
            failed = true;
            var connectionGone = context.RequestAborted.IsCancellationRequested
                                 || ex is BadHttpRequestException or IOException or OperationCanceledException;
            if (connectionGone)
            {
                info.Aborted = true;
                context.AbortAnswered();
            }
            else
            {
                error = ex.ToString();
                if (!context.Response.HasStarted)
                {
                    context.Response.Clear();
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync(info.Platform?.ErrorBody(500) ?? "{\"error\":\"Sandbox error.\"}");
                }
                else
                {
                    context.AbortAnswered();
                    info.Aborted = true;
                }
            }
        }
        finally
        {
            stopwatch.Stop();
            var aborted = info.Aborted || (!failed && context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted);
            var request = context.Request;
            state.Requests.Add(new RequestLogEntry
            {
                Id = id,
                Platform = info.Platform?.Name,
                Method = request.Method,
                Path = info.PlatformPath,
                FullPath = (request.PathBase + request.Path).Value ?? "/",
                QueryString = request.QueryString.Value ?? string.Empty,
                Headers = headers,
                ContentLength = request.ContentLength,
                RequestBodyLength = body.BytesRead,
                Status = aborted ? 0 : context.Response.StatusCode,
                Aborted = aborted,
                Fault = info.Fault,
                Error = error,
                StartedAt = startedAt,
                DurationMs = Math.Round(stopwatch.Elapsed.TotalMilliseconds, 3),
            }, ticket);
        }
    }

    private static Dictionary<string, string> CaptureHeaders(IHeaderDictionary headers)
    {
        var copy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers)
        {
            copy[name] = string.Join(", ", values.ToArray());
        }

        return copy;
    }
}
