using System.Management.Automation;
using VideoPlatforms.Tests.Harness;

namespace VideoPlatforms.Tests.Faults;

/// <summary>
/// Bad input, table-driven, per cmdlet and platform, through PowerShell: each case must end in an ErrorRecord with a
/// stable ErrorId, a fitting category, the offending input as target and a message naming it, and must leave nothing
/// on the platform (no video in the Sandbox, no create request sent).
/// </summary>
public sealed class BadInputTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    /// <summary>
    /// One case. <paramref name="Script"/> runs after connecting ($f is a 2 KB file 'clip one.mp4' in $Work);
    /// <paramref name="Target"/> and <paramref name="Mention"/> are substrings of the target object and the message.
    /// </summary>
    public sealed record Case(string Platform, string Cmdlet, string Name, string Script, string ErrorId, ErrorCategory Category, string Target, string Mention)
    {
        public override string ToString() => $"{Platform} {Cmdlet} {Name}";
    }

    private static readonly string[] Everywhere = [.. PlatformCase.All.Select(p => p.Name)];

    private static IEnumerable<Case> Cases()
    {
        foreach (var p in Everywhere)
        {
            yield return new(p, "Send-Video", "missing file", "Send-Video -Path ([IO.Path]::Combine($Work, 'missing.mp4'))", "FileNotFound", ErrorCategory.ObjectNotFound, "missing.mp4", "missing.mp4");
            yield return new(p, "Send-Video", "missing literal file", "Send-Video -LiteralPath ([IO.Path]::Combine($Work, 'gone [1].mp4'))", "FileNotFound", ErrorCategory.ObjectNotFound, "gone [1].mp4", "gone [1].mp4");
            yield return new(p, "Send-Video", "wildcard matching nothing", "Send-Video -Path ([IO.Path]::Combine($Work, '*.nothing'))", "NoFileMatched", ErrorCategory.ObjectNotFound, "*.nothing", "*.nothing");
            yield return new(p, "Send-Video", "directory", "$d = [IO.Directory]::CreateDirectory([IO.Path]::Combine($Work, 'a folder')).FullName; Send-Video -Path $d", "PathIsDirectory", ErrorCategory.InvalidArgument, "a folder", "a folder");
            yield return new(p, "Send-Video", "empty file", "$e = [IO.Path]::Combine($Work, 'empty ü.mp4'); [IO.File]::WriteAllBytes($e, [byte[]]@()); Send-Video -Path $e", "FileIsEmpty", ErrorCategory.InvalidData, "empty ü.mp4", "empty ü.mp4");
            // Linux has no mandatory locks, but .NET maps FileShare.None to an exclusive flock that its own opens honour.
            yield return new(p, "Send-Video", "locked file", "$lock = [IO.File]::Open($f, 'Open', 'Read', 'None'); try { Send-Video -Path $f } finally { $lock.Dispose() }", "FileNotReadable", ErrorCategory.PermissionDenied, "clip one.mp4", "clip one.mp4");
            yield return new(p, "Send-Video", "whitespace title", "Send-Video -Path $f -Title '   '", "TitleEmpty", ErrorCategory.InvalidArgument, "   ", "-Title");
            yield return new(p, "Send-Video", "empty title", "Send-Video -Path $f -Title ''", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "", "Title");
            yield return new(p, "Get-Video", "unknown id", "Get-Video -Id 'doesnotexist123'", "VideoNotFound", ErrorCategory.ObjectNotFound, "doesnotexist123", "doesnotexist123");
            yield return new(p, "Get-Video", "malformed id", "Get-Video -Id 'bad/../id ?#'", "VideoNotFound", ErrorCategory.ObjectNotFound, "bad/../id ?#", "bad/../id ?#");
            yield return new(p, "Set-Video", "unknown id", "Set-Video -Id 'doesnotexist123' -Description 'x'", "VideoNotFound", ErrorCategory.ObjectNotFound, "doesnotexist123", "doesnotexist123");
            yield return new(p, "Set-Video", "whitespace title", "Set-Video -Id 'doesnotexist123' -Title ' '", "TitleEmpty", ErrorCategory.InvalidArgument, " ", "-Title");
            yield return new(p, "Remove-Video", "unknown id", "Remove-Video -Id 'doesnotexist123' -Confirm:$false", "VideoNotFound", ErrorCategory.ObjectNotFound, "doesnotexist123", "doesnotexist123");
            yield return new(p, "Remove-Video", "empty id", "Remove-Video -Id '' -Confirm:$false", "ParameterArgumentValidationError", ErrorCategory.InvalidData, "", "Id");
            yield return new(p, "Connect-VideoProvider", "plain http to a remote host", $"{PlatformCase.Named(p).Connect.Split(" -BaseUri ")[0]} -BaseUri 'http://video.example.com/api/'", "InsecureBaseUri", ErrorCategory.InvalidArgument, p, "http://video.example.com");
        }
        yield return new("ApiVideo", "Send-Video", "chunk size below the minimum", "Send-Video -Path $f -ChunkSize 1KB", "ChunkSizeOutOfRange", ErrorCategory.InvalidArgument, "1024", "-ChunkSize 1024");
        yield return new("ApiVideo", "Send-Video", "chunk size above the maximum", "Send-Video -Path $f -ChunkSize 1GB", "ChunkSizeOutOfRange", ErrorCategory.InvalidArgument, "1073741824", "-ChunkSize 1073741824");
        yield return new("Vimeo", "Send-Video", "chunk size below the minimum", "Send-Video -Path $f -ChunkSize 1KB", "ChunkSizeOutOfRange", ErrorCategory.InvalidArgument, "1024", "-ChunkSize 1024");
        yield return new("Ziggeo", "Send-Video", "chunk size on a whole-file platform", "Send-Video -Path $f -ChunkSize 5MB", "ParameterNotSupported", ErrorCategory.InvalidArgument, "5242880", "-ChunkSize");
        yield return new("BigGo", "Send-Video", "chunk size on a whole-file platform", "Send-Video -Path $f -ChunkSize 5MB", "ParameterNotSupported", ErrorCategory.InvalidArgument, "5242880", "-ChunkSize");
        yield return new("ApiVideo", "Send-Video", "privacy the platform lacks", "Send-Video -Path $f -Privacy Unlisted", "ParameterNotSupported", ErrorCategory.InvalidArgument, "Unlisted", "Unlisted");
        yield return new("ApiVideo", "Set-Video", "privacy the platform lacks", "Set-Video -Id 'doesnotexist123' -Privacy Unlisted", "ParameterNotSupported", ErrorCategory.InvalidArgument, "Unlisted", "Unlisted");
        // Vimeo checks the quota when the upload is created (docs/platforms/vimeo.md#7-limits): a 1 TiB sparse file is refused before
        // a byte is sent. The other platforms document no size limit, so a huge file is simply sent there: no case.
        yield return new("Vimeo", "Send-Video", "huge sparse file over the quota", "$h = [IO.Path]::Combine($Work, 'huge.mp4'); $s = [IO.File]::Create($h); $s.SetLength(1TB); $s.Dispose(); Send-Video -Path $h", "QuotaExceeded", ErrorCategory.PermissionDenied, "huge.mp4", "huge.mp4");
        // An upload token is a credential: the errors name it masked, never in full.
        yield return new("ApiVideo", "Get-UploadToken", "unknown token", "Get-UploadToken -Token 'to1234567890abcdef'", "UploadTokenNotFound", ErrorCategory.ObjectNotFound, "to12...ef", "upload token");
        // A piped hashtable is never bound by its keys; PowerShell would take it as the text 'System.Collections.Hashtable'
        // and the command would look for a file or video of that name. Each by-value parameter says so instead.
        yield return new("ApiVideo", "Send-Video", "piped hashtable", "@{ Path = $f; Title = 'from a hashtable' } | Send-Video", "ParameterArgumentTransformationError", ErrorCategory.InvalidData, "System.Collections.Hashtable", "A hashtable does not bind by its keys");
        yield return new("ApiVideo", "Get-Video", "piped hashtable", "@{ Id = 'doesnotexist123' } | Get-Video", "ParameterArgumentTransformationError", ErrorCategory.InvalidData, "System.Collections.Hashtable", "[pscustomobject]@{ Id = ... }");
        yield return new("ApiVideo", "Remove-Video", "piped hashtable", "@{ Id = 'doesnotexist123' } | Remove-Video -Force", "ParameterArgumentTransformationError", ErrorCategory.InvalidData, "System.Collections.Hashtable", "A hashtable does not bind by its keys");
        yield return new("ApiVideo", "Get-UploadToken", "piped hashtable", "@{ Token = 'to1234567890abcdef' } | Get-UploadToken", "ParameterArgumentTransformationError", ErrorCategory.InvalidData, "System.Collections.Hashtable", "A hashtable is not an upload token");
        // A body JSON cannot express: the command's own error naming -Body, not the serializer's exception.
        yield return new("ApiVideo", "Invoke-VideoProviderRequest", "body that cannot be JSON", "Invoke-VideoProviderRequest videos -Method Post -Body @{ title = 'x'; action = { 'a script block' } }", "BodyNotSerializable", ErrorCategory.InvalidArgument, "System.Collections.Hashtable", "-Body cannot be sent as JSON");
        // A host that cannot prompt (this one, like pwsh -NonInteractive) and no -Force: say how to go on.
        yield return new("ApiVideo", "Remove-Video", "no -Force where nobody can confirm", "Remove-Video -Id 'doesnotexist123'", "ConfirmationNotPossible", ErrorCategory.InvalidOperation, "doesnotexist123", "Add -Force or -Confirm:$false");
        yield return new("ApiVideo", "Remove-UploadToken", "no -Force where nobody can confirm", "Remove-UploadToken -Token 'to1234567890abcdef'", "ConfirmationNotPossible", ErrorCategory.InvalidOperation, "to12...ef", "Add -Force or -Confirm:$false");
        yield return new("ApiVideo", "Remove-UploadToken", "unknown token", "Remove-UploadToken -Token 'to1234567890abcdef' -Confirm:$false", "UploadTokenNotFound", ErrorCategory.ObjectNotFound, "to12...ef", "upload token");
        yield return new("ApiVideo", "New-UploadToken", "negative lifetime", "New-UploadToken -TimeToLive ([TimeSpan]::FromSeconds(-5))", "TimeToLiveNegative", ErrorCategory.InvalidArgument, "-00:00:05", "-TimeToLive");
        // A connection of another platform handed in: Vimeo and BigGo have no upload tokens, and say so.
        foreach (var p in new[] { "Vimeo", "BigGo" })
            yield return new(p, "New-UploadToken", "connection of a platform without upload tokens", "New-UploadToken -Connection (Get-VideoProvider -Default)", "UploadTokensNotSupported", ErrorCategory.NotImplemented, p, p == "ApiVideo" ? "api.video" : p);
    }

    public static TheoryData<Case> All() => new(Cases());

    [Theory]
    [MemberData(nameof(All))]
    public async Task Bad_input_gives_a_clear_error_and_leaves_nothing_behind(Case c)
    {
        var platform = PlatformCase.Named(c.Platform);
        Ps.NewFile("clip one.mp4", 2_048, seed: 7);
        var connect = c.Cmdlet == "Connect-VideoProvider" ? "" : platform.Connect + "\n";
        var before = (await Sandbox.AllRequestsAsync()).Length;

        var result = Ps.Run(connect + "$f = [IO.Path]::Combine($Work, 'clip one.mp4')\n" + c.Script);

        var record = result.Terminating?.ErrorRecord ?? result.Errors.FirstOrDefault();
        Assert.True(record is not null, $"{c}: no error at all");
        Assert.True(record!.FullyQualifiedErrorId.Split(',')[0] == c.ErrorId,
            $"{c}: ErrorId {record.FullyQualifiedErrorId}: {record.Exception.Message}");
        Assert.Equal(c.Category, record.CategoryInfo.Category);
        Assert.Contains(c.Target, record.TargetObject?.ToString() ?? "");
        Assert.Contains(c.Mention, record.Exception.Message);
        Assert.True(record.Exception.Message.Length > 30, $"{c}: message too terse: {record.Exception.Message}");

        // Nothing left behind: no video, and no create or upload request the platform accepted (Vimeo's quota check
        // is the create itself, refused).
        Assert.Empty(await Sandbox.VideosAsync(platform));
        var creates = (await Sandbox.AllRequestsAsync()).Skip(before)
            .Where(r => r.Str("method") == "POST" && IsCreate(r.Str("path")) && r.GetProperty("status").GetInt32() is >= 200 and < 300)
            .Select(r => r.Str("path")).ToList();
        Assert.True(creates.Count == 0, $"{c}: sent {string.Join(", ", creates)}");
    }

    /// <summary>The request paths that create a video or upload bytes, per platform.</summary>
    private static bool IsCreate(string path) =>
        path.EndsWith("/videos", StringComparison.Ordinal) || path.Contains("/source", StringComparison.Ordinal)
        || path.Contains("videos-upload-url", StringComparison.Ordinal) || path.EndsWith("/api/v1/video/", StringComparison.Ordinal)
        || path.Contains("/upload", StringComparison.Ordinal);
}
