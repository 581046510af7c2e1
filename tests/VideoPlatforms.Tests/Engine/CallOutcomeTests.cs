using System.Net;
using System.Net.Sockets;
using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Tests.Engine;

/// <summary>How one attempt is judged for what it may have done, and how a call's attempts add up.</summary>
public sealed class CallOutcomeTests
{
    private static RestResponse Answer(int status) =>
        new(new RestRequest()) { StatusCode = (HttpStatusCode)status, ResponseStatus = ResponseStatus.Completed };

    private static RestResponse NoAnswer(Exception error, ResponseStatus status = ResponseStatus.Error) =>
        new(new RestRequest()) { StatusCode = 0, ResponseStatus = status, ErrorException = error };

    public static TheoryData<string, RestResponse, RequestOutcome> Attempts() => new()
    {
        { "connection refused", NoAnswer(new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused))), RequestOutcome.NotSent },
        { "unknown host", NoAnswer(new HttpRequestException(HttpRequestError.NameResolutionError, "no such host")), RequestOutcome.NotSent },
        { "answer cut short", NoAnswer(new HttpRequestException(HttpRequestError.ResponseEnded, "ended")), RequestOutcome.Unknown },
        { "connection reset after sending", NoAnswer(new IOException("reset", new SocketException((int)SocketError.ConnectionReset))), RequestOutcome.Unknown },
        { "timeout", NoAnswer(new TimeoutException("late"), ResponseStatus.TimedOut), RequestOutcome.Unknown },
        { "500", Answer(500), RequestOutcome.Unknown },
        { "429", Answer(429), RequestOutcome.Refused },
        { "404", Answer(404), RequestOutcome.Refused },
        { "201", Answer(201), RequestOutcome.Done },
    };

    [Theory]
    [MemberData(nameof(Attempts))]
    public void Each_attempt_is_judged_by_what_it_may_have_done(string what, RestResponse response, RequestOutcome expected) =>
        Assert.True(CallOutcome.Classify(response) == expected, $"{what}: {CallOutcome.Classify(response)}, expected {expected}");

    [Fact]
    public void A_refusal_after_a_lost_answer_leaves_the_call_unknown_and_refusals_alone_leave_it_refused()
    {
        var lostThenGone = new CallOutcome();
        lostThenGone.Add(NoAnswer(new HttpRequestException(HttpRequestError.ResponseEnded, "ended")));
        lostThenGone.Add(Answer(404));
        Assert.Equal(RequestOutcome.Unknown, lostThenGone.Outcome);

        var neverSentThenRefused = new CallOutcome();
        neverSentThenRefused.Add(NoAnswer(new HttpRequestException(HttpRequestError.ConnectionError, "refused")));
        neverSentThenRefused.Add(Answer(404));
        Assert.Equal(RequestOutcome.Refused, neverSentThenRefused.Outcome);

        Assert.Equal(RequestOutcome.NotSent, new CallOutcome().Outcome);
    }
}
