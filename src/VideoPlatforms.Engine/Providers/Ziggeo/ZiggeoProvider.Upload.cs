using VideoPlatforms.Http;

namespace VideoPlatforms.Providers.Ziggeo;

/// <summary>
/// Send-Video on Ziggeo (docs/platforms/ziggeo.md#3-upload-protocol): the title, description and metadata go in the
/// video's data; <see cref="ZiggeoUploader"/> creates the video through the create guard and posts the file to its
/// signed form.
/// </summary>
internal sealed partial class ZiggeoProvider
{
    public override Task<Video> UploadAsync(UploadRequest request, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        ValidateUpload(request);
        var title = request.Title ?? Path.GetFileNameWithoutExtension(request.FilePath);
        var data = ZiggeoJson.MergeData(null, title, request.Description, request.Metadata);
        return _uploader.UploadAsync(request, data, Connection, progress, cancellationToken,
            (create, token) => Creates.CreateAsync(title, request.FilePath, create, j => JsonText.String(j, "video.token"), token, request.AttemptId));
    }
}
