using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// What every cmdlet writes about bad input and failures (error records, with the offending value as target) and the
/// -Metadata hashtable as the Engine takes it.
/// </summary>
public abstract partial class VideoCmdlet
{
    /// <summary>The error for a -Name that matches no connection of this session.</summary>
    protected void WriteConnectionNotFound(string name) =>
        WriteError(new ErrorRecord(new ItemNotFoundException($"There is no connection named '{name}' in this session. Get-VideoProvider lists them."),
            "ConnectionNotFound", ErrorCategory.ObjectNotFound, name));

    /// <summary>A -Metadata hashtable as the Engine takes it: string keys and values, keys case-insensitive like PowerShell's.</summary>
    protected static IReadOnlyDictionary<string, string>? ToMetadata(System.Collections.IDictionary? table) =>
        table?.Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => e.Key.ToString()!, e => e.Value?.ToString() ?? "", StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Refuses a -Metadata key the module writes itself (Upload/ContentMarkers: the content's hash, the upload attempt,
    /// a copy's source): a user's value there would make the platform lie about what a video carries.
    /// </summary>
    protected void RefuseReservedMetadata(System.Collections.IDictionary? table)
    {
        foreach (var key in table?.Keys.Cast<object>() ?? [])
        {
            if (Upload.ContentMarkers.IsReserved(key?.ToString() ?? ""))
                Fail("MetadataKeyReserved", ErrorCategory.InvalidArgument,
                    $"-Metadata key '{key}' is one the module writes itself ({string.Join(", ", Upload.ContentMarkers.Reserved)}: the content's hash, the upload attempt, the copy's source). Rename your key.", key);
        }
    }

    /// <summary>Writes an Engine failure as a non-terminating error about <paramref name="target"/>.</summary>
    protected void WriteFailure(Exception exception, object? target) => WriteError(ErrorRecords.From(exception, TargetOf(exception, target)));

    /// <summary>Ends the command: nothing further can work (a bad parameter, no connection, failed sign-in).</summary>
    protected void Fail(Exception exception, object? target) => ThrowTerminatingError(ErrorRecords.From(exception, TargetOf(exception, target)));

    /// <summary>A refused parameter's error is about the value given, as PowerShell's own parameter errors are.</summary>
    private object? TargetOf(Exception exception, object? target) =>
        exception is ParameterNotSupportedException refused && MyInvocation.BoundParameters.TryGetValue(refused.Parameter, out var value) ? value : target;

    protected void Fail(string errorId, ErrorCategory category, string message, object? target) =>
        ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), errorId, category, target));
}
