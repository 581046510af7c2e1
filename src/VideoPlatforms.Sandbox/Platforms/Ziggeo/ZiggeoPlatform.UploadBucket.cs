using System.Security;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using VideoPlatforms.Sandbox.Hosting;
using VideoPlatforms.Sandbox.Storage;

namespace VideoPlatforms.Sandbox.Platforms.Ziggeo;

/// <summary>
/// The S3-style bucket that Ziggeo's videos-upload-url points at (docs/platforms/ziggeo.md#3-upload-protocol, step 2), under /ziggeo-s3.
/// It checks what S3 checks for a browser-form POST: the policy's signature, its expiry and object key, exactly
/// one file, and the file as the last field (S3 ignores anything after it; the sandbox refuses it so a client
/// that sends fields late is caught). The file is streamed to storage with its SHA-256; nothing is buffered.
/// </summary>
internal sealed class ZiggeoS3Platform(ZiggeoState state, UploadStore storage) : ISandboxPlatform
{
    private const int MaxFieldBytes = 64 * 1024;

    public string Name => "ziggeo-s3";

    public PathString Prefix { get; } = new("/ziggeo-s3");

    public IEnumerable<string> DescribeForConsole(Uri sandboxBaseUri)
    {
        yield return $"            uploads   {new Uri(sandboxBaseUri, "ziggeo-s3/")} (signed POSTs from videos-upload-url)";
    }

    public void MapEndpoints(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix.Value!);
        group.MapPost("/{bucket}", (RequestDelegate)(async context =>
        {
            var result = await PostObjectAsync(context);
            await result.ExecuteAsync(context);
        }));
        group.Map("{**path}", (RequestDelegate)(async context =>
        {
            await RequestBody.DrainQuietlyAsync(context);
            await S3Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.").ExecuteAsync(context);
        }));
    }

    public void MapAdminEndpoints(IEndpointRouteBuilder admin)
    {
    }

    public ValueTask<bool> BeforeRequestAsync(HttpContext context) => ValueTask.FromResult(true);

    public string ErrorBody(int status) => ErrorXml(status >= 500 ? "InternalError" : "AccessDenied",
        status >= 500 ? "We encountered an internal error. Please try again." : "Access Denied");

    public void Reset()
    {
        // The shared ZiggeoState is reset by the API platforms.
    }

    private static string ErrorXml(string code, string message) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{SecurityElement.Escape(code)}</Code><Message>{SecurityElement.Escape(message)}</Message></Error>";

    private static IResult S3Error(int status, string code, string message) =>
        Results.Text(ErrorXml(code, message), "application/xml", Encoding.UTF8, status);

    private async Task<IResult> PostObjectAsync(HttpContext context)
    {
        var bucket = context.Request.RouteValues["bucket"] as string;
        if (bucket != ZiggeoState.Bucket)
        {
            await RequestBody.DrainQuietlyAsync(context);
            return S3Error(404, "NoSuchBucket", "The specified bucket does not exist.");
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            await RequestBody.DrainQuietlyAsync(context);
            return S3Error(412, "PreconditionFailed", "Bucket POST must be of the enclosure-type multipart/form-data.");
        }

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var reader = new MultipartReader(boundary, context.Request.Body);
        SpooledFile? file = null;
        ZiggeoSignedUpload? upload = null;
        try
        {
            while (await reader.ReadNextSectionAsync(context.RequestAborted) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
                {
                    return await RejectAsync(context, 400, "MalformedPOSTRequest", "The body of your POST request is not well-formed multipart/form-data.");
                }

                if (file is not null)
                {
                    // S3 ignores fields after the file; a client relying on them would have its policy fields dropped.
                    return await RejectAsync(context, 400, "InvalidArgument", $"The field '{name}' comes after the file: the file must be the last field of the form.");
                }

                if (name.Equals("file", StringComparison.OrdinalIgnoreCase))
                {
                    var refusal = Check(fields, out upload);
                    if (refusal is not null)
                    {
                        await RequestBody.DrainQuietlyAsync(context);
                        return refusal;
                    }

                    file = await storage.SpoolAsync(section.Body, long.MaxValue, context.RequestAborted);
                    continue;
                }

                using var value = new StreamReader(section.Body, Encoding.UTF8);
                var buffer = new char[MaxFieldBytes + 1];
                var read = await value.ReadBlockAsync(buffer, context.RequestAborted);
                if (read > MaxFieldBytes)
                {
                    return await RejectAsync(context, 400, "MaxPostPreDataLengthExceeded", "Your POST request fields preceding the upload file were too large.");
                }

                fields[name] = new string(buffer, 0, read);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or BadHttpRequestException)
        {
            UploadStore.TryDelete(file?.Path);
            if (context.RequestAborted.IsCancellationRequested)
            {
                throw;
            }

            return await RejectAsync(context, 400, "MalformedPOSTRequest", "The body of your POST request is not well-formed multipart/form-data.");
        }

        if (file is null || upload is null)
        {
            return S3Error(400, "InvalidArgument", "POST requires exactly one file upload per request.");
        }

        var (size, sha256) = await UploadStore.HashAsync([file.Path!], context.RequestAborted);
        if (!state.AttachFile(upload, file.Path!, size, sha256))
        {
            UploadStore.TryDelete(file.Path);
            return S3Error(403, "AccessDenied", "The video this upload policy was issued for no longer exists.");
        }

        context.Response.Headers.ETag = "\"" + sha256[..32] + "\"";
        return Results.StatusCode(StatusCodes.Status204NoContent);

        async Task<IResult> RejectAsync(HttpContext c, int status, string code, string message)
        {
            UploadStore.TryDelete(file?.Path);
            await RequestBody.DrainQuietlyAsync(c);
            return S3Error(status, code, message);
        }
    }

    /// <summary>The checks S3 makes before it accepts the file: a known key, its policy, a matching signature, not expired.</summary>
    private IResult? Check(Dictionary<string, string> fields, out ZiggeoSignedUpload? upload)
    {
        upload = null;
        if (!fields.TryGetValue("key", out var key) || !fields.TryGetValue("policy", out var policy)
            || !fields.TryGetValue("x-amz-signature", out var signature))
        {
            return S3Error(403, "AccessDenied", "Bucket POST must contain the fields key, policy and x-amz-signature before the file.");
        }

        var expected = ZiggeoState.Sign(policy);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            return S3Error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
        }

        upload = state.FindUpload(key);
        if (upload is null || upload.Policy != policy)
        {
            upload = null;
            return S3Error(403, "AccessDenied", "Invalid according to Policy: Policy Condition failed: [\"eq\", \"$key\"].");
        }

        if (upload.Expires <= state.Now)
        {
            upload = null;
            return S3Error(403, "AccessDenied", "Invalid according to Policy: Policy expired.");
        }

        return null;
    }
}
