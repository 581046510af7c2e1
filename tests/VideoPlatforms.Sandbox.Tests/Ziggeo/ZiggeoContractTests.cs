using System.Text;
using VideoPlatforms.Sandbox.Tests.Infrastructure;

namespace VideoPlatforms.Sandbox.Tests.Ziggeo;

/// <summary>The Sandbox's Ziggeo server API and signed upload bucket, spoken to with plain HttpClient (docs/platforms/ziggeo.md).</summary>
public sealed class ZiggeoContractTests(SandboxFixture fixture) : SandboxTest(fixture)
{
    private HttpClient Client(string token = SandboxCredentials.ZiggeoApplicationToken, string key = SandboxCredentials.ZiggeoPrivateKey, string prefix = "ziggeo/")
    {
        var client = new HttpClient { BaseAddress = new Uri(Server.BaseUri, prefix) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{token}:{key}")));
        return client;
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    /// <summary>Asks for a signed upload and POSTs <paramref name="file"/> to it with the fields first and the file last.</summary>
    private async Task<(JsonElement Video, JsonElement UrlData, HttpResponseMessage Upload)> UploadAsync(HttpClient api, byte[] file, params (string, string)[] create)
    {
        var answer = await Json.ReadAsync(await api.PostAsync("v1/videos-upload-url", Form([("video_type", "mp4"), .. create])), HttpStatusCode.OK);
        var urlData = answer.GetProperty("url_data");
        using var form = new MultipartFormDataContent();
        foreach (var field in urlData.GetProperty("fields").EnumerateObject()) form.Add(new StringContent(field.Value.GetString()!), field.Name);
        form.Add(new ByteArrayContent(file), "file", "clip.mp4");
        using var s3 = new HttpClient();
        return (answer.GetProperty("video"), urlData, await s3.PostAsync(urlData.Str("url"), form));
    }

    [Fact]
    public async Task Basic_auth_is_checked_per_region()
    {
        using var wrongKey = Client(key: "wrong");
        var refused = await wrongKey.GetAsync("v1/application");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("401", (await Json.ReadAsync(refused, HttpStatusCode.Unauthorized)).Str("code"));
        Assert.Equal("Basic", refused.Headers.WwwAuthenticate.Single().Scheme);

        using var noAuth = new HttpClient { BaseAddress = new Uri(Server.BaseUri, "ziggeo/") };
        Assert.Equal(HttpStatusCode.Unauthorized, (await noAuth.GetAsync("v1/videos/")).StatusCode);

        // An r1 application lives in eu-west-1 only: the default region does not know it.
        using var euAtDefault = Client(SandboxCredentials.ZiggeoEuApplicationToken, SandboxCredentials.ZiggeoEuPrivateKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await euAtDefault.GetAsync("v1/application")).StatusCode);
        using var eu = Client(SandboxCredentials.ZiggeoEuApplicationToken, SandboxCredentials.ZiggeoEuPrivateKey, "ziggeo-eu-west-1/");
        var app = await Json.ReadAsync(await eu.GetAsync("v1/application"), HttpStatusCode.OK);
        Assert.Equal("eu-west-1", app.Str("region"));
        using var defaultAtEu = Client(prefix: "ziggeo-eu-west-1/");
        Assert.Equal(HttpStatusCode.Unauthorized, (await defaultAtEu.GetAsync("v1/application")).StatusCode);
    }

    [Fact]
    public async Task The_signed_upload_stores_the_file_and_confirm_makes_the_video_ready()
    {
        using var api = Client();
        var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        var (video, urlData, upload) = await UploadAsync(api, bytes, ("tags", "a,b"), ("key", "intro"), ("data", "{\"title\":\"T\"}"));
        Assert.Equal(HttpStatusCode.NoContent, upload.StatusCode);
        Assert.Equal("EMPTY", video.Str("state_string"));
        Assert.StartsWith(new Uri(Server.BaseUri, "ziggeo-s3/").ToString(), urlData.Str("url"));
        foreach (var field in new[] { "key", "policy", "x-amz-signature", "x-amz-credential" })
        {
            Assert.False(string.IsNullOrEmpty(urlData.GetProperty("fields").Str(field)));
        }

        var token = video.Str("token");
        var stored = await Json.ReadAsync(await Admin.GetAsync($"ziggeo/videos/{token}"), HttpStatusCode.OK);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), stored.Str("sha256"));
        Assert.Equal(bytes.Length, stored.GetProperty("size").GetInt64());
        Assert.False(stored.GetProperty("complete").GetBoolean());

        var confirmPath = $"v1/videos/{token}/streams/{video.GetProperty("default_stream").Str("token")}/confirm-video";
        var stream = await Json.ReadAsync(await api.PostAsync(confirmPath, null), HttpStatusCode.OK);
        Assert.Equal("TRANSCODED", stream.Str("creation_type_string"));
        Assert.Equal("READY", stream.Str("state_string"));
        // Confirming again is harmless: same default stream.
        Assert.Equal(stream.Str("token"), (await Json.ReadAsync(await api.PostAsync(confirmPath, null), HttpStatusCode.OK)).Str("token"));

        var ready = await Json.ReadAsync(await api.GetAsync("v1/videos/_intro"), HttpStatusCode.OK);
        Assert.Equal(token, ready.Str("token"));
        Assert.Equal("READY", ready.Str("state_string"));
        Assert.Equal("SERVER_UPLOAD", ready.GetProperty("original_stream").Str("creation_type_string"));
        Assert.Equal("DEGRADED", ready.GetProperty("original_stream").Str("streamable_string"));
        Assert.Equal("YES", ready.GetProperty("default_stream").Str("streamable_string"));
        Assert.Equal(["a", "b"], ready.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("T", ready.GetProperty("data").Str("title"));
        Assert.True((await Json.ReadAsync(await Admin.GetAsync($"ziggeo/videos/{token}"), HttpStatusCode.OK)).GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task Confirm_before_the_file_arrives_is_412()
    {
        using var api = Client();
        var answer = await Json.ReadAsync(await api.PostAsync("v1/videos-upload-url", Form(("video_type", "mp4"))), HttpStatusCode.OK);
        var video = answer.GetProperty("video");
        var response = await api.PostAsync($"v1/videos/{video.Str("token")}/streams/{video.GetProperty("default_stream").Str("token")}/confirm-video", null);
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("v1/videos-upload-url", Form(("tags", "x")))).StatusCode);
    }

    [Fact]
    public async Task The_bucket_refuses_a_wrong_signature_a_late_field_and_a_missing_file_like_S3()
    {
        using var api = Client();
        var answer = await Json.ReadAsync(await api.PostAsync("v1/videos-upload-url", Form(("video_type", "mp4"))), HttpStatusCode.OK);
        var urlData = answer.GetProperty("url_data");
        var fields = urlData.GetProperty("fields").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetString()!);
        using var s3 = new HttpClient();

        async Task<(HttpStatusCode Status, string Body)> Post(Dictionary<string, string> formFields, bool file = true, string? after = null)
        {
            using var form = new MultipartFormDataContent();
            foreach (var (name, value) in formFields) form.Add(new StringContent(value), name);
            if (file) form.Add(new ByteArrayContent(new byte[1000]), "file", "x.mp4");
            if (after is not null) form.Add(new StringContent("v"), after);
            var response = await s3.PostAsync(urlData.Str("url"), form);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var forged = new Dictionary<string, string>(fields) { ["x-amz-signature"] = new string('0', 64) };
        var wrong = await Post(forged);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.Status);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", wrong.Body);

        var unsigned = new Dictionary<string, string>(fields);
        unsigned.Remove("x-amz-signature");
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(unsigned)).Status);

        var late = await Post(fields, after: "success_action_status");
        Assert.Equal(HttpStatusCode.BadRequest, late.Status);
        Assert.Contains("must be the last field", late.Body);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(fields, file: false)).Status);
        Assert.False((await Json.ReadAsync(await Admin.GetAsync($"ziggeo/videos/{answer.GetProperty("video").Str("token")}"), HttpStatusCode.OK)).GetProperty("received").GetBoolean());
        Assert.Equal(0, Server.State.Storage.FileCount);
        Assert.Equal(HttpStatusCode.NoContent, (await Post(fields)).Status);
    }

    [Fact]
    public async Task The_index_is_a_newest_first_array_with_limit_skip_states_tags_and_a_count()
    {
        await Json.ReadAsync(await Admin.PostAsync("ziggeo/seed", Json.Content(new { count = 5, tags = new[] { "x" } })), HttpStatusCode.Created);
        var seeded = await Json.ReadAsync(await Admin.PostAsync("ziggeo/seed", Json.Content(new { count = 3, keyPrefix = "k" })), HttpStatusCode.Created);
        using var api = Client();
        var all = await Json.ReadAsync(await api.GetAsync("v1/videos/?limit=100"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Array, all.ValueKind);
        Assert.Equal(8, all.GetArrayLength());
        Assert.Equal(seeded.GetProperty("tokens")[2].GetString(), all[0].Str("token"));

        var page = await Json.ReadAsync(await api.GetAsync("v1/videos/?limit=2&skip=1"), HttpStatusCode.OK);
        Assert.Equal([all[1].Str("token"), all[2].Str("token")], page.EnumerateArray().Select(v => v.Str("token")));
        Assert.Equal(0, (await Json.ReadAsync(await api.GetAsync("v1/videos/?skip=8"), HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(5, (await Json.ReadAsync(await api.GetAsync("v1/videos/?tags=x&states=ready"), HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(0, (await Json.ReadAsync(await api.GetAsync("v1/videos/?states=processing"), HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(5, (await Json.ReadAsync(await api.GetAsync("v1/videos/count?tags=x"), HttpStatusCode.OK)).GetProperty("count").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("v1/videos/?limit=101")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("v1/videos/?states=bogus")).StatusCode);
    }

    [Fact]
    public async Task Update_and_delete_by_token_or_key()
    {
        var seeded = await Json.ReadAsync(await Admin.PostAsync("ziggeo/seed", Json.Content(new { count = 2, keyPrefix = "v" })), HttpStatusCode.Created);
        using var api = Client();
        var updated = await Json.ReadAsync(await api.PostAsync("v1/videos/_v1", Form(("tags", "[\"p\",\"q\"]"), ("key", "renamed"), ("expire_on", "2030-01-02"))), HttpStatusCode.OK);
        Assert.Equal("renamed", updated.Str("key"));
        Assert.Equal("2030-01-02", updated.Str("expire_on"));
        Assert.Equal(["p", "q"], updated.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("v1/videos/_renamed", Form(("key", "v2")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("v1/videos/_renamed", Form(("expire_on", "soon")))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync("v1/videos/_renamed")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"v1/videos/{seeded.GetProperty("tokens")[0].GetString()}")).StatusCode);
        // The Python SDK's form of delete.
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"v1/videos/{seeded.GetProperty("tokens")[1].GetString()}?_method=DELETE", null)).StatusCode);
        Assert.Equal(0, (await Json.ReadAsync(await api.GetAsync("v1/videos/count"), HttpStatusCode.OK)).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Auth_tokens_are_created_read_updated_and_deleted_but_not_listed()
    {
        using var api = Client();
        var created = await Json.ReadAsync(await api.PostAsync("v1/authtokens/", Form(("grants", "{\"create\":{\"session_owned\":true}}"), ("session_limit", "2"), ("usage_expiration_time", "600"), ("expiration_date", "2000000000"))), HttpStatusCode.Created);
        var token = created.Str("token");
        Assert.True(created.GetProperty("grants").GetProperty("create").GetProperty("session_owned").GetBoolean());
        Assert.Equal(2, created.GetProperty("session_limit").GetInt32());
        Assert.Equal(600, created.GetProperty("usage_expiration_time").GetInt32());
        Assert.Equal(2000000000, created.GetProperty("expiration_date").GetInt64());
        Assert.Equal(token, (await Json.ReadAsync(await api.GetAsync($"v1/authtokens/{token}"), HttpStatusCode.OK)).Str("token"));
        var updated = await Json.ReadAsync(await api.PostAsync($"v1/authtokens/{token}", Form(("grants", "{\"read\":\"all\"}"))), HttpStatusCode.OK);
        Assert.Equal("all", updated.GetProperty("grants").Str("read"));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("v1/authtokens/", Form(("grants", "not json")))).StatusCode);
        // There is no index of auth tokens: the path takes only POST.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await api.GetAsync("v1/authtokens/")).StatusCode);

        var secrets = await Json.ReadAsync(await Admin.GetAsync("ziggeo/secrets"), HttpStatusCode.OK);
        Assert.Contains(token, secrets.GetProperty("authTokens").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains(SandboxCredentials.ZiggeoPrivateKey, secrets.GetProperty("all").EnumerateArray().Select(s => s.GetString()));

        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"v1/authtokens/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"v1/authtokens/{token}")).StatusCode);
    }

    [Fact]
    public async Task Faults_reach_the_bucket_and_processing_delay_is_configurable()
    {
        await AddFaultAsync(new { platform = "ziggeo-s3", method = "POST", kind = "status", status = 503, times = 1 });
        using var api = Client();
        var (_, _, first) = await UploadAsync(api, new byte[100]);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Contains("<Error>", await first.Content.ReadAsStringAsync());

        var config = await Json.ReadAsync(await Admin.PutAsync("ziggeo/config", Json.Content(new { processingDelayMs = 3_600_000 })), HttpStatusCode.OK);
        Assert.Equal(3_600_000, config.GetProperty("processingDelayMs").GetInt32());
        var (video, _, upload) = await UploadAsync(api, new byte[100]);
        Assert.Equal(HttpStatusCode.NoContent, upload.StatusCode);
        await api.PostAsync($"v1/videos/{video.Str("token")}/streams/{video.GetProperty("default_stream").Str("token")}/confirm-video", null);
        Assert.Equal("PROCESSING", (await Json.ReadAsync(await api.GetAsync($"v1/videos/{video.Str("token")}"), HttpStatusCode.OK)).Str("state_string"));
    }
}
