using RestSharp.Interceptors;

namespace VideoPlatforms.Http;

/// <summary>
/// Sets a header that HttpClient files under content headers (Content-Range, say). RestSharp's AddHeader puts
/// headers on the request message, where HttpClient rejects content headers; this puts it on the body.
/// </summary>
internal sealed class ContentHeaderInterceptor : Interceptor
{
    private readonly string _name;
    private readonly string _value;

    public ContentHeaderInterceptor(string name, string value)
    {
        _name = name;
        _value = value;
    }

    public override ValueTask BeforeHttpRequest(HttpRequestMessage requestMessage, CancellationToken cancellationToken)
    {
        requestMessage.Content?.Headers.TryAddWithoutValidation(_name, _value);
        return default;
    }
}
