using System.Text;

namespace VideoPlatforms.Sandbox.Tests.Infrastructure;

public static class Json
{
    public static StringContent Content(object value) =>
        new(JsonSerializer.Serialize(value, JsonSerializerOptions.Web), Encoding.UTF8, "application/json");

    /// <summary>Reads a JSON body, asserting the status first (with the body in the message when it differs).</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an api.video error body: status, the type slug, and (optionally) the parameter name.</summary>
    public static async Task<JsonElement> AssertApiVideoErrorAsync(HttpResponseMessage response, HttpStatusCode status, string slug, string? name = null)
    {
        var body = await ReadAsync(response, status);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://docs.api.video/reference/" + slug, body.GetProperty("type").GetString());
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        if (name is not null)
        {
            Assert.Equal(name, body.GetProperty("name").GetString());
        }

        return body;
    }

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
