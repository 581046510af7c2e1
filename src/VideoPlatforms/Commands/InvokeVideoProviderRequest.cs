using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// <para type="synopsis">Sends an authenticated request to any path of a connection's platform API and returns its JSON as objects.</para>
/// </summary>
// Changing calls (POST, PUT, PATCH, DELETE) honour -WhatIf; ConfirmImpact Medium so nothing prompts by default.
[Cmdlet(VerbsLifecycle.Invoke, "VideoProviderRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PSObject))]
public sealed class InvokeVideoProviderRequestCommand : ConnectedCmdlet
{
    /// <summary><para type="description">The path, relative to the platform's API base (api.video: videos; Vimeo: me/videos; Ziggeo: v1/videos/; BigGo: video/{id}, under /api/v1/). A leading slash is allowed. An absolute URL is refused unless it lies under the connection's API base, so the credentials never go elsewhere.</para></summary>
    // Not bound from the pipeline by property name: a Video's Path is its local file, never an API path.
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public string? Path { get; set; }

    /// <summary><para type="description">The HTTP method: Get (default), Post, Put, Patch, Delete, Head or Options. Get, Put, Delete, Head and Options are retried on throttling, server errors and network faults; Post and Patch only on throttling (429), so nothing is created twice.</para></summary>
    [Parameter(Position = 1)]
    [ValidateSet("Get", "Post", "Put", "Patch", "Delete", "Head", "Options", IgnoreCase = true)]
    public string Method { get; set; } = "Get";

    /// <summary><para type="description">Query parameters as a hashtable: @{ page = 2; per_page = 10 }. An array value is sent as a repeated parameter.</para></summary>
    [Parameter]
    public IDictionary? Query { get; set; }

    /// <summary><para type="description">The body: a hashtable or PSCustomObject (sent as JSON; as form fields on Ziggeo, with nested values as JSON strings), an array (JSON), or a string sent as it is.</para></summary>
    [Parameter]
    public object? Body { get; set; }

    /// <summary><para type="description">The body's media type when it is a string. Default: application/json (Ziggeo: application/x-www-form-urlencoded).</para></summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ContentType { get; set; }

    /// <summary><para type="description">Returns signed URLs in the answer usable, as the platform sent them (for example the download links of a Vimeo video). Without it their signatures, any token or key in a URL's query, and the policy and signature fields of a signed upload form (Ziggeo's url_data) are masked (***), because whoever holds such a link can fetch or change the file. Keep what it returns as carefully as a password.</para></summary>
    [Parameter]
    public SwitchParameter IncludeSignedUrl { get; set; }

    protected override void ProcessRecord()
    {
        var connection = ResolveConnection();
        var request = new ProviderRequest(Method, Path!)
        {
            Query = Query?.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object?>(e.Key?.ToString() ?? "", ToPlain(e.Value))).ToList(),
            Body = Body is null || Unwrap(Body) is string ? null : ToPlain(Body),
            BodyText = Unwrap(Body) as string,
            ContentType = ContentType,
            IncludeSignedUrls = IncludeSignedUrl,
        };
        var upper = Method.ToUpperInvariant();
        if (upper is not ("GET" or "HEAD" or "OPTIONS")
            && !ShouldProcess($"{connection.Provider} {Path} ({connection.Name})", $"{upper} request")) return;

        ProviderResponse response;
        try
        {
            response = Run(token => connection.Client.InvokeAsync(request, token));
        }
        catch (VideoProviderException ex)
        {
            // A bad method, body or query is the same for every pipeline item: nothing further can work. A bad path
            // and the platform's refusals are about this one request; the next item may fare better.
            if (ex.StatusCode is null && ex.ErrorId is "BodyNotSerializable")
                Fail(ex, Body);
            if (ex.StatusCode is null && ex.ErrorId is "MethodNotSupported" or "BodyNotAllowed" or "BodyAmbiguous" or "BodyNotForm" or "InvalidQuery")
                Fail(ex, Path);
            WriteFailure(ex, Path);
            return;
        }
        WriteVerbose($"{connection.Provider} answered {upper} {Path} with {response.StatusCode}{(response.Content is null ? " and no body" : "")}.");
        if (response.Content is null) return;
        // As Invoke-RestMethod does: a JSON array goes down the pipeline one element at a time.
        if (response.Content is object[] items)
            WriteObject(items.Select(ToPowerShell), enumerateCollection: true);
        else
            WriteObject(ToPowerShell(response.Content));
    }

    private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;

    /// <summary>A body or query value as plain .NET values the Engine serialises: dictionaries, lists, scalars.</summary>
    internal static object? ToPlain(object? value)
    {
        if (value is PSObject ps)
        {
            if (ps.BaseObject is PSCustomObject)
            {
                var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in ps.Properties) fields[property.Name] = ToPlain(property.Value);
                return fields;
            }
            value = ps.BaseObject;
        }
        return value switch
        {
            null => null,
            string s => s,
            IDictionary dictionary => dictionary.Cast<DictionaryEntry>().ToDictionary(e => e.Key?.ToString() ?? "", e => ToPlain(e.Value), StringComparer.Ordinal),
            IEnumerable list => list.Cast<object?>().Select(ToPlain).ToList(),
            Enum e => e.ToString(),
            _ => value,
        };
    }

    /// <summary>The platform's JSON as PSCustomObjects and arrays, as ConvertFrom-Json would give it.</summary>
    internal static object? ToPowerShell(object? value)
    {
        switch (value)
        {
            case OrderedDictionary fields:
                var result = new PSObject();
                foreach (DictionaryEntry field in fields) result.Properties.Add(new PSNoteProperty((string)field.Key, ToPowerShell(field.Value)));
                return result;
            case object[] items:
                return items.Select(ToPowerShell).ToArray();
            default:
                return value;
        }
    }
}
