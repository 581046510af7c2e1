using System.Net.Sockets;
using RestSharp;

namespace VideoPlatforms.Http;

/// <summary>Classifies one attempt's answer, and sums up a call's attempts into its <see cref="RequestOutcome"/>.</summary>
internal sealed class CallOutcome
{
    /// <summary>The outcome of one attempt, from its response.</summary>
    public static RequestOutcome Classify(RestResponse response)
    {
        if (response.StatusCode == 0 || response.ResponseStatus == ResponseStatus.TimedOut)
            return NeverSent(response.ErrorException) ? RequestOutcome.NotSent : RequestOutcome.Unknown;
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300) return RequestOutcome.Done;
        // A server failure may come after the work was done (or half done); a 4xx is the server saying no.
        return status >= 500 ? RequestOutcome.Unknown : RequestOutcome.Refused;
    }

    /// <summary>
    /// True when the request certainly never reached the server: the connection itself could not be made (refused,
    /// unreachable, the name unknown, TLS failed before any byte of the request). Anything that failed once the
    /// request was on its way (a reset, an answer cut short, a timeout) is not this.
    /// </summary>
    public static bool NeverSent(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                    or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError })
                return true;
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable
                    or SocketError.NetworkUnreachable or SocketError.AddressNotAvailable })
                return true;
        }
        return false;
    }

    private RequestOutcome? _worst;

    /// <summary>The call so far: the most the platform may have done across its attempts (Done over Unknown over Refused over NotSent).</summary>
    public RequestOutcome Outcome => _worst ?? RequestOutcome.NotSent;

    /// <summary>Counts one attempt: a later refusal does not undo what an earlier attempt with a lost answer may have done.</summary>
    public void Add(RestResponse response)
    {
        var outcome = Classify(response);
        if (_worst is null || outcome > _worst) _worst = outcome;
    }
}
