using System.Runtime.CompilerServices;
using VideoPlatforms.Sync;
using VideoPlatforms.Upload;

namespace VideoPlatforms.Tests.Sync;

/// <summary>
/// Sync-Video's plan (Sync/SyncPlanner) on files and videos given by hand: what is uploaded, skipped, updated, left
/// and deleted, and above all that -Delete never takes a video whose content the folder still holds or that another
/// folder's sync made (FolderSync.ListFolderVideosAsync, on a fake listing).
/// </summary>
public sealed class SyncPlannerTests
{
    private const string Folder = "/data/clips";
    private static readonly DateTimeOffset Then = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static SyncFile File(string path, char content) => new(path, Folder + "/" + path, 100, new string(content, 64));

    private static Video Made(string id, string path, char content, string folder = Folder, VideoStatus? status = VideoStatus.Ready, int minutes = 0) =>
        new("ApiVideo", id, null)
        {
            Status = status,
            CreatedAt = Then.AddMinutes(minutes),
            Metadata = new Dictionary<string, string>
            {
                [ContentMarkers.Sha256Key] = new string(content, 64),
                [ContentMarkers.SyncFolderKey] = folder,
                [ContentMarkers.SyncPathKey] = path,
            },
        };

    [Fact]
    public void An_empty_account_uploads_every_file_in_path_order()
    {
        var plan = SyncPlanner.Plan([File("b.mp4", 'b'), File("a.mp4", 'a'), File("sub/c.mp4", 'c')], [], SyncChangedFile.NewVideo, delete: true);

        Assert.Equal(new[] { "a.mp4", "b.mp4", "sub/c.mp4" }, plan.Files.Select(s => s.RelativePath));
        Assert.All(plan.Files, s => Assert.Equal(SyncAction.Upload, s.Action));
        Assert.Empty(plan.Deletes);
    }

    [Fact]
    public void A_file_whose_video_holds_the_same_content_is_skipped_to_that_video()
    {
        var plan = SyncPlanner.Plan([File("a.mp4", 'a')], [Made("v1", "a.mp4", 'a')], SyncChangedFile.NewVideo, delete: true);

        var step = Assert.Single(plan.Files);
        Assert.Equal(SyncAction.Skip, step.Action);
        Assert.Equal("v1", step.Video?.Id);
        Assert.Empty(plan.Deletes);
    }

    [Fact]
    public void A_renamed_file_is_skipped_to_its_old_video_and_delete_keeps_that_video()
    {
        var plan = SyncPlanner.Plan([File("renamed.mp4", 'a')], [Made("v1", "a.mp4", 'a')], SyncChangedFile.NewVideo, delete: true);

        var step = Assert.Single(plan.Files);
        Assert.Equal(SyncAction.Skip, step.Action);
        Assert.Equal("v1", step.Video?.Id);
        Assert.Empty(plan.Deletes);
    }

    [Fact]
    public void A_changed_file_is_uploaded_as_a_new_video_and_delete_removes_the_old_one_only_after_it()
    {
        var plan = SyncPlanner.Plan([File("a.mp4", 'z')], [Made("old", "a.mp4", 'a')], SyncChangedFile.NewVideo, delete: true);

        var step = Assert.Single(plan.Files);
        Assert.Equal(SyncAction.Update, step.Action);
        Assert.Equal("old", step.Video?.Id);
        var delete = Assert.Single(plan.Deletes);
        Assert.Equal("old", delete.Step.Video?.Id);
        Assert.Equal("a.mp4", delete.After);
    }

    [Fact]
    public void A_changed_file_without_delete_keeps_the_old_video_and_counts_it_as_no_orphan()
    {
        var plan = SyncPlanner.Plan([File("a.mp4", 'z')], [Made("old", "a.mp4", 'a')], SyncChangedFile.NewVideo, delete: false);

        Assert.Equal(SyncAction.Update, Assert.Single(plan.Files).Action);
        Assert.Empty(plan.Deletes);
        Assert.Equal(0, plan.Orphaned);
    }

    [Fact]
    public void With_if_changed_skip_a_changed_file_is_reported_and_its_video_is_never_deleted()
    {
        var plan = SyncPlanner.Plan([File("a.mp4", 'z')], [Made("old", "a.mp4", 'a')], SyncChangedFile.Skip, delete: true);

        var step = Assert.Single(plan.Files);
        Assert.Equal(SyncAction.Changed, step.Action);
        Assert.Equal("old", step.Video?.Id);
        Assert.Empty(plan.Deletes);
    }

    [Fact]
    public void A_video_whose_file_is_gone_is_deleted_with_delete_and_counted_without()
    {
        var videos = new[] { Made("kept", "a.mp4", 'a'), Made("gone", "b.mp4", 'b') };

        var withDelete = SyncPlanner.Plan([File("a.mp4", 'a')], videos, SyncChangedFile.NewVideo, delete: true);
        var without = SyncPlanner.Plan([File("a.mp4", 'a')], videos, SyncChangedFile.NewVideo, delete: false);

        var delete = Assert.Single(withDelete.Deletes);
        Assert.Equal("gone", delete.Step.Video?.Id);
        Assert.Null(delete.After);
        Assert.Equal("b.mp4", delete.Step.RelativePath);
        Assert.Empty(without.Deletes);
        Assert.Equal(1, without.Orphaned);
    }

    [Fact]
    public void An_older_content_of_a_file_left_by_an_earlier_run_without_delete_goes_with_delete()
    {
        var videos = new[] { Made("first", "a.mp4", 'a', minutes: 0), Made("second", "a.mp4", 'z', minutes: 5) };

        var plan = SyncPlanner.Plan([File("a.mp4", 'z')], videos, SyncChangedFile.NewVideo, delete: true);

        Assert.Equal("second", Assert.Single(plan.Files).Video?.Id);
        var delete = Assert.Single(plan.Deletes);
        Assert.Equal("first", delete.Step.Video?.Id);
        Assert.Null(delete.After);
    }

    [Fact]
    public void An_unfinished_upload_of_the_same_content_is_no_skip_the_upload_decides()
    {
        var plan = SyncPlanner.Plan([File("a.mp4", 'a')], [Made("partial", "a.mp4", 'a', status: VideoStatus.Uploading)], SyncChangedFile.NewVideo, delete: true);

        Assert.Equal(SyncAction.Upload, Assert.Single(plan.Files).Action);
        Assert.Empty(plan.Deletes);
    }

    [Fact]
    public void An_empty_folder_with_delete_removes_every_video_of_the_folder_and_nothing_else()
    {
        var plan = SyncPlanner.Plan([], [Made("v1", "a.mp4", 'a'), Made("v2", "sub/b.mp4", 'b')], SyncChangedFile.NewVideo, delete: true);

        Assert.Empty(plan.Files);
        Assert.Equal(new[] { "v1", "v2" }, plan.Deletes.Select(d => d.Step.Video!.Id));
    }

    [Fact]
    public void A_narrower_filter_or_no_recurse_neither_deletes_nor_orphans_the_videos_of_files_that_run_did_not_list()
    {
        // An earlier run synced the folder with -Recurse and every file; this one lists *.mp4 at the top only.
        var videos = new[] { Made("v1", "a.mp4", 'a'), Made("v2", "b.mov", 'b'), Made("v3", "sub/c.mp4", 'c'), Made("v4", "gone.mp4", 'g') };
        var narrow = new SyncScope("*.mp4", Recurse: false);

        var deleting = SyncPlanner.Plan([File("a.mp4", 'a')], videos, narrow, SyncChangedFile.NewVideo, delete: true);
        var counting = SyncPlanner.Plan([File("a.mp4", 'a')], videos, narrow, SyncChangedFile.NewVideo, delete: false);

        Assert.Equal(SyncAction.Skip, Assert.Single(deleting.Files).Action);
        // Only gone.mp4, which this run looked for and did not find, is the folder's video without a file.
        Assert.Equal("v4", Assert.Single(deleting.Deletes).Step.Video!.Id);
        Assert.Equal(1, counting.Orphaned);
    }

    [Theory]
    [InlineData("*.mp4", false, "a.mp4", true)]
    [InlineData("*.mp4", false, "b.mov", false)]
    [InlineData("*.mp4", false, "sub/c.mp4", false)]
    [InlineData("*.mp4", true, "sub/c.mp4", true)]
    [InlineData("*", false, "noextension", true)]
    [InlineData("*.*", false, "noextension", true)]
    [InlineData("clip?.mp4", true, "x/clip1.mp4", true)]
    [InlineData("clip?.mp4", true, "x/clip10.mp4", false)]
    public void A_scope_covers_the_paths_its_enumeration_lists(string filter, bool recurse, string relativePath, bool covered)
    {
        Assert.Equal(covered, new SyncScope(filter, recurse).Covers(relativePath));
    }

    [Fact]
    public void A_scope_covers_exactly_the_files_directory_enumeration_lists()
    {
        var folder = Directory.CreateTempSubdirectory("vp-scope-").FullName;
        try
        {
            Directory.CreateDirectory(System.IO.Path.Combine(folder, "sub"));
            string[] paths = ["a.mp4", "A.MP4x", "b.mov", "noext", "sub/c.mp4", "sub/d.MP4", "e.mp4.part"];
            foreach (var path in paths) System.IO.File.WriteAllText(System.IO.Path.Combine(folder, path), "x");
            foreach (var scope in new[] { new SyncScope("*.mp4", false), new SyncScope("*.mp4", true), new SyncScope("*.*", true), new SyncScope("?.mp4", true), new SyncScope("*", false) })
            {
                var listed = FolderSync.EnumerateFiles(folder, scope).Select(f => f.RelativePath).Order(StringComparer.Ordinal);
                Assert.Equal(listed, paths.Where(scope.Covers).Order(StringComparer.Ordinal));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_copy_whose_upload_returned_another_file_of_this_folder_is_a_skip_naming_that_file_not_another_sync()
    {
        // First sync: a.mp4 and b.mp4 hold the same bytes; b.mp4's upload finds the video a.mp4's upload just made.
        var step = new SyncStep(SyncAction.Upload, File("b.mp4", 'a'), null, "not on the account as a video of this folder");

        var copy = SyncPlanner.Outcome(step, Made("v1", "a.mp4", 'a'), Folder);
        var own = SyncPlanner.Outcome(step, Made("v2", "b.mp4", 'a'), Folder);
        var foreign = SyncPlanner.Outcome(step, Made("v3", "b.mp4", 'a', folder: "/data/other"), Folder);

        Assert.Equal(SyncAction.Skip, copy.Action);
        Assert.Contains("synced from 'a.mp4' of this folder", copy.Reason);
        Assert.DoesNotContain("did not make", copy.Reason);
        Assert.Equal((SyncAction.Upload, "uploaded"), (own.Action, own.Reason));
        Assert.Equal(SyncAction.Skip, foreign.Action);
        Assert.Contains("which this folder's sync did not make", foreign.Reason);
    }

    [Fact]
    public void A_video_a_result_of_this_run_returned_is_never_deleted_whatever_the_plan_said()
    {
        // The plan removes v1 (a.mp4 changed); had the upload of a.mp4 returned v1 itself (a stale journal entry), the
        // removal would leave the file with no video at all.
        var plan = SyncPlanner.Plan([File("a.mp4", 'b')], [Made("v1", "a.mp4", 'a')], SyncChangedFile.NewVideo, delete: true);
        var delete = Assert.Single(plan.Deletes);

        var keep = SyncPlanner.KeepReason(delete, new Dictionary<string, string> { ["v1"] = "a.mp4" });

        Assert.NotNull(keep);
        Assert.Contains("'a.mp4'", keep);
        Assert.Null(SyncPlanner.KeepReason(delete, new Dictionary<string, string> { ["v2"] = "a.mp4" }));
    }

    [Fact]
    public async Task Only_videos_carrying_this_folders_id_are_the_folders_so_delete_never_sees_another_folders_or_a_send_video_upload()
    {
        var mine = Made("mine", "a.mp4", 'a');
        var otherFolder = Made("other", "a.mp4", 'a', folder: "/data/other");
        var sentAlone = new Video("ApiVideo", "sent", null) { Metadata = new Dictionary<string, string> { [ContentMarkers.Sha256Key] = new string('b', 64) } };
        using var connection = new VideoProviderConnection("ApiVideo", "ApiVideo", new Uri("http://127.0.0.1/"), "Custom", new RetryOptions());
        var listing = new ListingProvider([mine, otherFolder, sentAlone]);
        connection.Attach(listing);

        var videos = await FolderSync.ListFolderVideosAsync(connection, Folder, CancellationToken.None);
        var plan = SyncPlanner.Plan([], videos, SyncChangedFile.NewVideo, delete: true);

        Assert.Equal(new[] { "mine" }, videos.Select(v => v.Id));
        Assert.Equal(new[] { "mine" }, plan.Deletes.Select(d => d.Step.Video!.Id));
        // api.video filters its listing by metadata, so the folder's id is asked of the platform, not matched on a scan.
        Assert.Equal(Folder, Assert.Single(listing.Queries).Metadata![ContentMarkers.SyncFolderKey]);
    }

    /// <summary>Answers ListVideosAsync with one page (ignoring the filter, so the module's own match is tested too); nothing else.</summary>
    private sealed class ListingProvider(IReadOnlyList<Video> videos) : Harness.FakeProvider
    {
        public List<VideoQuery> Queries { get; } = [];

        public override async IAsyncEnumerable<Page<Video>> ListVideosAsync(VideoQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Queries.Add(query);
            await Task.Yield();
            yield return new Page<Video>(videos, videos.Count);
        }

        public override string Name => "ApiVideo";
    }
}
