using System.Net;
using RestSharp;
using VideoPlatforms.Http;

namespace VideoPlatforms.Tests.Faults;

/// <summary>
/// A wait the server asks for that is already over (a Retry-After date or X-RateLimit-Reset in the past, from clock
/// skew or a slow answer) means "now": the chunk uploaders hand it straight to Task.Delay, which throws on a
/// negative value (the fault suite found this).
/// </summary>
public sealed class RetryTimingPastTests
{
    [Theory]
    [InlineData("Retry-After")]
    [InlineData("X-RateLimit-Reset")]
    public void A_requested_wait_already_past_is_zero(string header)
    {
        var past = DateTimeOffset.UtcNow.AddMinutes(-5);
        foreach (var value in new[] { past.ToString("R"), header == "X-RateLimit-Reset" ? past.ToUnixTimeSeconds().ToString() : "-3" })
        {
            var response = new RestResponse(new RestRequest()) { StatusCode = (HttpStatusCode)429, Headers = new[] { new HeaderParameter(header, value) } };
            Assert.Equal(TimeSpan.Zero, RetryTiming.ServerRequestedDelay(response));
            Assert.Equal(TimeSpan.Zero, RetryTiming.NextDelay(new RetryOptions(), 0, response, out _));
        }
    }
}
