using Microsoft.AspNetCore.Routing.Template;

namespace VideoPlatforms.Sandbox.Hosting;

/// <summary>
/// Maps a platform's endpoints and remembers their templates, so the platform's catch-all can tell "no such
/// URL" (404) from "no such method on this URL" (405) the way the real APIs do: a catch-all that accepts every
/// method otherwise wins over ASP.NET Core's own 405.
/// </summary>
internal sealed class PlatformRoutes(IEndpointRouteBuilder group)
{
    private readonly List<(string Method, TemplateMatcher Matcher)> _routes = [];

    public void Map(string method, string template, Func<HttpContext, Task<IResult>> handler)
    {
        group.MapMethods(template, [method], (RequestDelegate)(async context =>
        {
            var result = await handler(context);
            await result.ExecuteAsync(context);
        }));
        _routes.Add((method, new TemplateMatcher(TemplateParser.Parse(template.TrimStart('/')), new RouteValueDictionary())));
    }

    /// <summary>Methods mapped for a path inside the platform; empty when the path matches no template.</summary>
    public IReadOnlyList<string> MethodsFor(string platformPath) =>
        [.. _routes.Where(r => r.Matcher.TryMatch(platformPath, new RouteValueDictionary())).Select(r => r.Method).Distinct()];
}
