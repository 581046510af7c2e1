using VideoPlatforms.Sandbox.Hosting;
using VideoPlatforms.Sandbox.RequestLog;

namespace VideoPlatforms.Sandbox.Faults;

/// <summary>Applies fault rules to platform requests before the platform's endpoints see them.</summary>
internal sealed class FaultMiddleware(RequestDelegate next, SandboxState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var info = context.GetSandboxInfo();
        if (info?.Platform is null)
        {
            await next(context);
            return;
        }

        var rule = state.Faults.TryFire(info.Platform.Name, context.Request.Method, info.PlatformPath);
        if (rule is null)
        {
            await next(context);
            return;
        }

        switch (rule.Kind)
        {
            case FaultKind.Delay:
                info.Fault = new RequestFault(rule.Id, "delay", $"delayed {rule.DelayMs} ms");
                await Task.Delay(rule.DelayMs, context.RequestAborted);
                await next(context);
                return;

            case FaultKind.Drop:
                info.Fault = new RequestFault(rule.Id, "drop", "connection closed without a response");
                // Read the request first: "drop" models a lost response, dropMidBody a lost request.
                await RequestBody.DrainAsync(context.Request.Body, long.MaxValue, context.RequestAborted);
                info.Aborted = true;
                context.AbortAnswered();
                return;

            case FaultKind.DropMidBody when HttpMethods.IsGet(context.Request.Method):
                // A GET has no body to cut: the fault cuts the download instead, after AfterBytes response bytes.
                await ResponseCut.RunAsync(context, next, rule, info);
                return;

            case FaultKind.DropMidBody:
                var read = await RequestBody.DrainAsync(context.Request.Body, rule.AfterBytes, context.RequestAborted);
                info.Fault = new RequestFault(rule.Id, "dropMidBody", $"connection closed after {read} body bytes");
                info.Aborted = true;
                context.AbortAnswered();
                return;

            case FaultKind.MalformedJson:
                await WriteMalformedAsync(context, info, rule);
                return;

            case FaultKind.ActThenDrop:
                await ActThenDropAsync(context, info, rule);
                return;

            default:
                info.Fault = new RequestFault(rule.Id, "status", $"answered {rule.Status} without running the endpoint");
                // Answering before the client finished sending makes HTTP/1.1 clients see a reset instead of the status.
                await RequestBody.DrainAsync(context.Request.Body, long.MaxValue, context.RequestAborted);
                await WriteStatusAsync(context, rule, info.Platform);
                return;
        }
    }

    /// <summary>
    /// Runs the endpoint into a buffer, then sends its status and headers with only the first half of its body (at
    /// least one byte short, and "{" when it had none), so the client sees a 2xx whose JSON does not parse.
    /// </summary>
    private async Task WriteMalformedAsync(HttpContext context, SandboxRequestInfo info, FaultRule rule)
    {
        var original = context.Response.Body;
        var body = await RunEndpointHeldBackAsync(context);
        var cut = body.Length == 0 ? "{"u8.ToArray() : body[..(body.Length / 2)];
        info.Fault = new RequestFault(rule.Id, "malformedJson", $"endpoint answered {context.Response.StatusCode} with {body.Length} bytes; sent {cut.Length}");
        if (context.Response.StatusCode is 204 or 304)
        {
            // These statuses cannot carry a body; a garbled one reads as a 200 the client cannot parse.
            context.Response.StatusCode = 200;
        }

        context.Response.ContentLength = cut.Length;
        if (string.IsNullOrEmpty(context.Response.ContentType))
        {
            context.Response.ContentType = "application/json";
        }

        await original.WriteAsync(cut, context.RequestAborted);
    }

    /// <summary>
    /// Runs the endpoint into a buffer, so none of its answer leaves (not even the status line), then aborts the
    /// connection: the work is done and the client hears nothing.
    /// </summary>
    private async Task ActThenDropAsync(HttpContext context, SandboxRequestInfo info, FaultRule rule)
    {
        var body = await RunEndpointHeldBackAsync(context);
        info.Fault = new RequestFault(rule.Id, "actThenDrop", $"endpoint answered {context.Response.StatusCode} with {body.Length} bytes; connection closed without sending them");
        info.Aborted = true;
        context.AbortAnswered();
    }

    /// <summary>Runs the endpoint with its body written to a buffer instead of the client; returns what it wrote.</summary>
    private async Task<byte[]> RunEndpointHeldBackAsync(HttpContext context)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        return buffer.ToArray();
    }

    private static async Task WriteStatusAsync(HttpContext context, FaultRule rule, ISandboxPlatform platform)
    {
        var response = context.Response;
        response.StatusCode = rule.Status;
        var hasContentType = false;
        foreach (var (name, value) in rule.Headers ?? [])
        {
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                response.ContentType = value;
                hasContentType = true;
            }
            else
            {
                response.Headers[name] = value;
            }
        }

        if (rule.Status is 204 or 304 || (rule.Status < 200))
        {
            return;
        }

        if (!hasContentType)
        {
            response.ContentType = "application/json";
        }

        await response.WriteAsync(rule.Body ?? platform.ErrorBody(rule.Status), context.RequestAborted);
    }
}
