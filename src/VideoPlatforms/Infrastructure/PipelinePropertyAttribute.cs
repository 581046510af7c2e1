using System.Collections;
using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// Takes a named property of an object bound to a string parameter, instead of the object's string form.
/// </summary>
/// <remarks>
/// On a cmdlet with several parameter sets, PowerShell tries the default set's by-property-name parameters first
/// and, when none fits, coerces the whole pipeline object to a string for a by-value parameter of another set:
/// <c>Import-Csv uploads.csv | Send-Video</c> would look for a file named <c>@{Path=...; Title=...}</c>, and
/// <c>Get-Video | Get-Video</c> for a video named <c>&lt;Provider&gt;/&lt;Id&gt;</c>. Transformations run before that coercion,
/// so this hands the binder the property a person meant. Strings and collections pass through untouched; a
/// hashtable, which PowerShell never binds by its keys, is refused with an error that says so.
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class PipelinePropertyAttribute : ArgumentTransformationAttribute
{
    private readonly string[] _properties;

    public PipelinePropertyAttribute(params string[] properties) => _properties = properties;

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        // PowerShell binds piped input by property name from objects only, never from a hashtable's keys, so a piped
        // @{ Path = ... } would otherwise be taken as the text "System.Collections.Hashtable" and reported as a
        // missing file or video. Say what happened and what binds instead.
        if (value is IDictionary)
            throw new ArgumentTransformationMetadataException(
                $"A hashtable does not bind by its keys: PowerShell binds piped input by property name only from objects, so it would be taken as the text '{value}'. Pipe an object instead ([pscustomobject]@{{ {_properties[0]} = ... }} | ..., or Import-Csv's rows), or splat the hashtable as parameters ($p = @{{ {_properties[0]} = ... }}; <command> @p).");
        if (value is null or string or IEnumerable or ValueType) return inputData;
        var properties = PSObject.AsPSObject(inputData).Properties;
        foreach (var name in _properties)
        {
            if (properties[name]?.Value is { } property) return property;
        }
        return inputData;
    }
}
