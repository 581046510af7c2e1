using System.Collections;
using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// <para type="synopsis">Gets videos by id, or lists the account's videos page by page.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "Video", DefaultParameterSetName = ListSet, SupportsPaging = true)]
[OutputType(typeof(Video))]
public sealed class GetVideoCommand : ConnectedCmdlet
{
    private const string ListSet = "List";
    private const string IdSet = "Id";

    /// <summary><para type="description">Ids of the videos to get. Accepts ids and Video objects from the pipeline. On Ziggeo an id is a video token, or a video's key with a leading underscore (-Id _mykey).</para></summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
    [Alias("VideoId")]
    [ArgumentCompleter(typeof(VideoIdCompleter))]
    [ValidateNotNullOrEmpty]
    [PipelineProperty("Id", "VideoId")]
    public string[]? Id { get; set; }

    /// <summary><para type="description">Lists only videos whose title matches (api.video matches a part of the title).</para></summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    [DependsOnPlatform(PlatformOption.ListTitle)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public string? Title { get; set; }

    /// <summary><para type="description">Lists only videos carrying every one of these tags.</para></summary>
    [Parameter(ParameterSetName = ListSet)]
    [Alias("Tags")]
    [DependsOnPlatform(PlatformOption.ListTag)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public string[]? Tag { get; set; }

    /// <summary><para type="description">Lists only videos whose metadata has these key/value pairs.</para></summary>
    [Parameter(ParameterSetName = ListSet)]
    [DependsOnPlatform(PlatformOption.ListMetadata)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public Hashtable? Metadata { get; set; }

    /// <summary><para type="description">Lists another user's public videos (their user id) instead of the connected account's, on platforms with users' channels (BigGo).</para></summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    [DependsOnPlatform(PlatformOption.ListUser)]
    [ArgumentCompleter(typeof(PlatformParameterCompleter))]
    public string? User { get; set; }

    /// <summary><para type="description">Lists only videos in one of these states: Uploading, Processing, Ready, Failed. Where the platform's listing cannot filter by status, the module filters what it lists (exactly, but with no total count); where its listing has no status at all, -Status is refused.</para></summary>
    [Parameter(ParameterSetName = ListSet)]
    [ValidateNotNullOrEmpty]
    [DependsOnPlatform(PlatformOption.ListStatus)]
    [PlatformValueTransformation(typeof(VideoStatus))]
    [ArgumentCompleter(typeof(PlatformValueCompleter<VideoStatus>))]
    public PlatformValue<VideoStatus>[]? Status { get; set; }

    protected override void ProcessRecord()
    {
        var connection = ResolveConnection();
        if (ParameterSetName == IdSet)
        {
            foreach (var id in Id!)
            {
                if (string.IsNullOrWhiteSpace(id))
                {
                    WriteError(new ErrorRecord(new ArgumentException("A video id is blank. Give the id of a video (Get-Video lists them)."), "VideoIdEmpty", ErrorCategory.InvalidArgument, id));
                    continue;
                }
                try
                {
                    WriteVideo(Run(token => connection.Client.GetVideoAsync(id, token)));
                }
                catch (VideoProviderException ex)
                {
                    WriteFailure(ex, id);
                }
            }
            return;
        }

        var query = new VideoQuery
        {
            Title = Title,
            Tags = Tag,
            Metadata = ToMetadata(Metadata),
            User = User,
            Statuses = Status?.Select(s => s.Value).ToList(),
            Skip = (long)Math.Min(PagingParameters.Skip, long.MaxValue),
            // A small -First needs no full page: ask for just enough.
            PageSize = PagingParameters.First < 100 ? (int)Math.Max(1, PagingParameters.First) : null,
        };
        var remaining = PagingParameters.First;
        var totalWritten = false;
        try
        {
            RunPages(connection.Client.ListVideosAsync(query, StopToken), page =>
            {
                if (PagingParameters.IncludeTotalCount && !totalWritten)
                {
                    totalWritten = true;
                    WriteObject(page.TotalCount is { } total
                        ? PagingParameters.NewTotalCount((ulong)total, 1.0)
                        : PagingParameters.NewTotalCount(0, 0.0));
                }
                foreach (var video in page.Items)
                {
                    if (remaining == 0) return false;
                    WriteVideo(video);
                    remaining--;
                }
                return remaining > 0;
            }, page => (ulong)page.Items.Count < remaining);
        }
        catch (VideoProviderException ex)
        {
            Fail(ex, connection);
        }
    }
}
