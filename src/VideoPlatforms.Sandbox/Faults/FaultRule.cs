using System.Text.Json.Serialization;

namespace VideoPlatforms.Sandbox.Faults;

/// <summary>What an injected fault does to a matching request.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultKind>))]
public enum FaultKind
{
    /// <summary>Answer with <see cref="FaultRule.Status"/>, headers and body without running the endpoint.</summary>
    [JsonStringEnumMemberName("status")]
    Status,

    /// <summary>Read the request, then close the connection without any response.</summary>
    [JsonStringEnumMemberName("drop")]
    Drop,

    /// <summary>Wait <see cref="FaultRule.DelayMs"/>, then run the endpoint normally.</summary>
    [JsonStringEnumMemberName("delay")]
    Delay,

    /// <summary>Read <see cref="FaultRule.AfterBytes"/> body bytes, then close the connection (nothing is stored).</summary>
    [JsonStringEnumMemberName("dropMidBody")]
    DropMidBody,

    /// <summary>
    /// Run the endpoint normally (its work is done), then send its status with the body cut in half: a lost or
    /// garbled response to a request that succeeded. The nastiest case for a create, which must not be repeated blindly.
    /// </summary>
    [JsonStringEnumMemberName("malformedJson")]
    MalformedJson,

    /// <summary>
    /// Run the endpoint normally (its work is done), then close the connection without sending any of its answer:
    /// the request took effect and its response was lost on the way back. Unlike <see cref="Drop"/>, where the
    /// endpoint never runs, a client that repeats the request finds the work already done (a delete answers 404).
    /// </summary>
    [JsonStringEnumMemberName("actThenDrop")]
    ActThenDrop,
}

/// <summary>
/// A fault rule. Platform-independent: <see cref="PathPattern"/> is a regular expression on the path inside the
/// platform (e.g. <c>^/videos/[^/]+/source$</c>), so one rule shape serves every platform.
/// </summary>
public sealed record FaultRule
{
    /// <summary>Assigned when the rule is added.</summary>
    public int Id { get; init; }

    /// <summary>Platform name ("apivideo") or "*".</summary>
    public string Platform { get; init; } = "*";

    /// <summary>HTTP method or "*".</summary>
    public string Method { get; init; } = "*";

    /// <summary>Regular expression matched against the path inside the platform.</summary>
    public string PathPattern { get; init; } = ".*";

    public FaultKind Kind { get; init; } = FaultKind.Status;

    /// <summary>Status for <see cref="FaultKind.Status"/>.</summary>
    public int Status { get; init; } = 503;

    /// <summary>Response headers for <see cref="FaultKind.Status"/>.</summary>
    public Dictionary<string, string>? Headers { get; init; }

    /// <summary>Raw response body for <see cref="FaultKind.Status"/>; null means the platform's own error shape.</summary>
    public string? Body { get; init; }

    public int DelayMs { get; init; }

    /// <summary>
    /// Body bytes read before <see cref="FaultKind.DropMidBody"/> cuts the connection; on a GET (a download), response
    /// bytes sent before it does.
    /// </summary>
    public long AfterBytes { get; init; }

    /// <summary>How many matching requests the rule fires on; 0 means unlimited.</summary>
    public int Times { get; init; } = 1;

    /// <summary>Chance (0..1) that a matching request is faulted; a miss does not use up <see cref="Times"/>.</summary>
    public double Probability { get; init; } = 1.0;

    /// <summary>
    /// Matching requests let through untouched before the rule starts firing, e.g. 1 to fail every chunk after the
    /// first. Passed-over requests use up neither <see cref="Times"/> nor probability draws.
    /// </summary>
    public int Skip { get; init; }

    /// <summary>
    /// Seeds this rule's own random source for <see cref="Probability"/> rolls, so a mixed fault profile faults the same
    /// sequence of matching requests on every run; null uses the shared random.
    /// </summary>
    public int? Seed { get; init; }

    /// <summary>Matching requests passed over so far because of <see cref="Skip"/>.</summary>
    public int Skipped { get; init; }

    /// <summary>How many requests the rule has faulted so far.</summary>
    public int Fired { get; init; }

    /// <summary>False once <see cref="Times"/> is used up; the rule stays listed so tests can read <see cref="Fired"/>.</summary>
    public bool Active => Times == 0 || Fired < Times;
}
