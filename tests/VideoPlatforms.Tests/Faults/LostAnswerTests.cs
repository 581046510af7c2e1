using VideoPlatforms.Sandbox;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Faults;

/// <summary>
/// A call that is not safe to repeat is judged by what its attempts may have done: an answer lost after the platform
/// acted is not a failure (a delete whose retry finds nothing to delete did its work), and a request that never
/// reached the platform (the connection was refused) made nothing, so no error may say otherwise.
/// </summary>
public sealed class LostAnswerTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    public static TheoryData<string> Platforms => PlatformCase.Names();

    private const string FastRetries = "-MaximumRetryCount 3 -MaximumRetryIntervalSec 1 -RetryBaseDelayMilliseconds 5";

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Remove_Video_whose_answer_is_lost_after_the_delete_is_a_success(string name)
    {
        var platform = PlatformCase.Named(name);
        var file = Ps.NewFile("to remove.mp4", 40_000, 3);
        var video = Ps.Run($"{platform.Connect} {FastRetries}; Send-Video $args[0]", file).Single<Video>();
        Assert.Single(await Sandbox.VideosAsync(platform));

        // The platform deletes the video, then the connection closes before its answer leaves: the retry gets 404.
        await Sandbox.AddRuleAsync(new { platform = platform.AdminName, method = "DELETE", pathPattern = ".*", kind = "actThenDrop", times = 1 });
        var result = Ps.Run("Remove-Video -Id $args[0] -Confirm:$false -Verbose", video.Id);

        result.AssertNoErrors();
        Assert.Empty(await Sandbox.VideosAsync(platform));
        Assert.Contains(result.Verbose, line => line.Contains("gone, as asked", StringComparison.Ordinal));
        var deletes = (await Sandbox.AllRequestsAsync()).Where(r => r.Str("method") == "DELETE").ToList();
        Assert.Equal(2, deletes.Count);
        Assert.Equal(404, deletes[1].GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Remove_Video_of_an_id_that_never_existed_is_still_VideoNotFound()
    {
        Ps.ConnectApiVideo(FastRetries);
        // The first attempt is refused without the endpoint running (nothing was done), so the retry's 404 is the truth.
        await Sandbox.AddRuleAsync(new { platform = "apivideo", method = "DELETE", pathPattern = ".*", kind = "status", status = 429, headers = new Dictionary<string, string> { ["Retry-After"] = "0" }, times = 1 });
        var result = Ps.Run("Remove-Video -Id vi000000000000000000nope -Confirm:$false");
        var error = Assert.Single(result.Errors);
        Assert.Contains("VideoNotFound", error.FullyQualifiedErrorId);
    }

    [Fact]
    public async Task Remove_UploadToken_whose_answer_is_lost_after_the_delete_is_a_success()
    {
        Ps.ConnectApiVideo(FastRetries);
        var token = Ps.Ok("(New-UploadToken).Token").Single().ToString();
        await Sandbox.AddRuleAsync(new { platform = "apivideo", method = "DELETE", pathPattern = "^/upload-tokens/", kind = "actThenDrop", times = 1 });
        var result = Ps.Run("Remove-UploadToken -Token $args[0] -Confirm:$false", token);
        result.AssertNoErrors();
        Assert.Empty(Ps.Ok("Get-UploadToken"));
    }

    [Fact]
    public async Task Create_recovery_counts_a_stray_whose_delete_answer_was_lost_as_removed()
    {
        Ps.ConnectApiVideo(FastRetries);
        // The create is carried out but its answer is garbled (a stray empty video exists); the guard finds it and
        // deletes it, and that delete's answer is lost after the platform acted.
        await Sandbox.AddRuleAsync(new { platform = "apivideo", method = "POST", pathPattern = "^/videos$", kind = "malformedJson", times = 1 });
        await Sandbox.AddRuleAsync(new { platform = "apivideo", method = "DELETE", pathPattern = "^/videos/", kind = "actThenDrop", times = 1 });
        var file = Ps.NewFile("recovered.mp4", 60_000, 4);
        var result = Ps.Run("Send-Video $args[0] -Verbose", file);

        result.AssertNoErrors();
        var video = result.Single<Video>();
        var stored = Assert.Single(await Sandbox.VideosAsync(PlatformCase.ApiVideo));
        Assert.Equal(video.Id, stored.Id());
        Assert.Equal(PsSession.Sha256(file), stored.Str("sha256"));
        Assert.Contains(result.Verbose, line => line.Contains("deleted it (it held no bytes)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_create_refused_at_the_connection_made_nothing_and_says_so()
    {
        // A platform that goes away after connecting: every later connection attempt is refused.
        var gone = await SandboxServer.StartAsync();
        var uri = gone.ApiVideoBaseUri.ToString();
        Ps.Ok($"Connect-VideoProvider -Provider ApiVideo -ApiKey $ApiKey -BaseUri $args[0] {FastRetries}", uri);
        await gone.DisposeAsync();

        var file = Ps.NewFile("never sent.mp4", 30_000, 5);
        var result = Ps.Run("Send-Video $args[0] -Verbose", file);

        var error = Assert.Single(result.Errors);
        Assert.DoesNotContain("CreateOutcomeUnknown", error.FullyQualifiedErrorId);
        Assert.Contains("NetworkError", error.FullyQualifiedErrorId);
        Assert.DoesNotContain("may exist", error.Exception.Message);
        Assert.Contains("no video was made", error.Exception.Message);
        Assert.Contains("Nothing was sent", error.Exception.Message);
        Assert.Contains("never sent.mp4", error.Exception.Message);
        // A POST that never reached the platform is safe to send again, so it was retried like any other call.
        Assert.Contains(result.Verbose, line => line.StartsWith("Retrying POST", StringComparison.Ordinal));
        // And no lookup for a stray was made: there cannot be one.
        Assert.DoesNotContain(result.Verbose, line => line.Contains("GET ", StringComparison.Ordinal) && line.Contains("/videos?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task New_UploadToken_whose_answer_is_lost_says_a_token_may_exist_and_a_refused_one_does_not()
    {
        Ps.ConnectApiVideo(FastRetries);
        // The token is made, then the answer is lost: the error says a token may exist, and where to find it.
        await Sandbox.AddRuleAsync(new { platform = "apivideo", method = "POST", pathPattern = "^/upload-tokens$", kind = "actThenDrop", times = 1 });
        var lost = Assert.Single(Ps.Run("New-UploadToken").Errors);
        Assert.Contains("an upload token may have been created", lost.Exception.Message);
        Assert.Contains("Get-UploadToken", lost.Exception.Message);
        // The request did leave: the error does not claim the platform could not be reached.
        Assert.DoesNotContain("could not be reached", lost.Exception.Message);
        Assert.Single(Ps.Ok("Get-UploadToken"));

        // Refused outright (400): nothing was made, and the error does not pretend otherwise.
        await Sandbox.AddRuleAsync(new { platform = "apivideo", method = "POST", pathPattern = "^/upload-tokens$", kind = "status", status = 400, times = 1 });
        var refused = Assert.Single(Ps.Run("New-UploadToken").Errors);
        Assert.DoesNotContain("may have been created", refused.Exception.Message);
        Assert.Single(Ps.Ok("Get-UploadToken"));
    }
}
