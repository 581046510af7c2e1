using VideoPlatforms.Sandbox.Hosting;

namespace VideoPlatforms.Sandbox.Admin;

/// <summary>Admin answers are plain JSON; errors are {"error": "..."} so they never look like a platform's.</summary>
internal static class AdminResults
{
    public static IResult Error(int status, string message) => SandboxJson.Json(new { error = message }, status);

    public static async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpContext context)
        where T : class
    {
        try
        {
            // Content-Type is not checked: people drive these endpoints with bare curl -d.
            var value = await System.Text.Json.JsonSerializer.DeserializeAsync<T>(context.Request.Body, SandboxJson.Options, context.RequestAborted);
            return value is null ? (null, Error(400, "The body must be a JSON object.")) : (value, null);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
        {
            return (null, Error(400, "The body is not valid JSON for this endpoint: " + ex.Message));
        }
    }

    /// <summary>
    /// An endpoint that reads a JSON body and applies it. A body that does not parse, or values the state refuses
    /// (ArgumentException), become a 400 that says why: every admin write endpoint behaves the same. It is a
    /// RequestDelegate that executes its own result, since a lambda returning Task&lt;IResult&gt; would bind as a
    /// RequestDelegate and have its result dropped.
    /// </summary>
    public static RequestDelegate ApplyJson<T>(Func<T, IResult> apply)
        where T : class => async context =>
    {
        var (value, error) = await ReadJsonAsync<T>(context);
        IResult result;
        if (error is not null)
        {
            result = error;
        }
        else
        {
            try
            {
                result = apply(value!);
            }
            catch (ArgumentException ex)
            {
                result = Error(400, ex.Message);
            }
        }

        await result.ExecuteAsync(context);
    };
}
