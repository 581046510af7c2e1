namespace VideoPlatforms;

/// <summary>Where the Engine reports what it is doing. The cmdlets implement it with a queue the pipeline thread drains.</summary>
public interface IOperationLog
{
    /// <summary>What is happening: a request and its outcome, a retry and why.</summary>
    void Verbose(string message);

    /// <summary>Detail: headers and bodies, already redacted.</summary>
    void Debug(string message);

    /// <summary>A surprising outcome the operation survived.</summary>
    void Warning(string message);
}

/// <summary>
/// The log of the operation in progress, carried by an AsyncLocal so that it follows the work across awaits and
/// into tasks it starts, without threading a logger through every Engine signature. Each cmdlet invocation sets
/// its own, so parallel runspaces sharing one connection never see each other's messages.
/// </summary>
public static class OperationLog
{
    private static readonly AsyncLocal<IOperationLog?> CurrentLog = new();

    public static IOperationLog? Current
    {
        get => CurrentLog.Value;
        set => CurrentLog.Value = value;
    }

    internal static void Verbose(string message) => CurrentLog.Value?.Verbose(message);

    internal static void Debug(string message) => CurrentLog.Value?.Debug(message);

    internal static void Warning(string message) => CurrentLog.Value?.Warning(message);
}
