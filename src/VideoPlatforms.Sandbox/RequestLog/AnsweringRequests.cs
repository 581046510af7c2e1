using Microsoft.AspNetCore.Http;

namespace VideoPlatforms.Sandbox.RequestLog;

/// <summary>
/// A request's place in the log while it is answered: the log entry is written when the request ends, after its
/// answer (or the closing of its connection) has already gone out, so a client could read the log before the entry
/// of the request it just saw answered was there. The answer marks itself here before its first byte leaves (a
/// response's OnStarting, or <see cref="AbortAnswered"/> before a connection is closed), and the log's readers wait
/// for the requests so marked (<see cref="RequestLogStore.List"/>).
/// </summary>
internal sealed class RequestLogTicket(RequestLogStore store, long id)
{
    public long Id { get; } = id;

    /// <summary>The entry is written (under the store's lock): an answer that starts only after that needs no wait.</summary>
    internal bool Logged { get; set; }

    public void Answering() => store.Answering(this);
}

internal static class AnsweringRequests
{
    /// <summary>Closes the connection without an answer, once the log knows this request's entry is coming.</summary>
    public static void AbortAnswered(this HttpContext context)
    {
        context.Features.Get<RequestLogTicket>()?.Answering();
        context.Abort();
    }
}
