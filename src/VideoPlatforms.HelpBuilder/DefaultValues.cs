using System.Globalization;
using System.Management.Automation;
using System.Reflection;

namespace VideoPlatforms.HelpBuilder;

/// <summary>
/// The "Default value" help shows for each parameter, read from the cmdlet itself so it cannot drift from the code:
/// a [PSDefaultValue] attribute on the property says it in words (for a default the cmdlet works out at run time,
/// such as a chunk size that depends on the platform); otherwise it is the value the property holds on a new
/// instance of the cmdlet, which is its initialiser (<c>public int ThrottleLimit { get; set; } = 1;</c>).
/// </summary>
/// <remarks>
/// "None" means the parameter starts unset and the cmdlet decides what its absence means: null, an empty string or
/// collection, and the zero value of a value type (whose absence the cmdlets test with BoundParameters, not by
/// comparing with zero). A mandatory parameter has no default. A switch is False unless its initialiser sets it.
/// </remarks>
internal sealed class DefaultValues
{
    public const string None = "None";

    private readonly Type _cmdlet;
    private readonly object? _instance;

    public DefaultValues(Type cmdlet)
    {
        _cmdlet = cmdlet;
        // Cmdlet constructors only initialise fields; a cmdlet whose constructor cannot run here gets "None" throughout.
        try { _instance = Activator.CreateInstance(cmdlet); }
        catch (Exception ex) when (ex is MissingMethodException or TargetInvocationException) { _instance = null; }
    }

    public string Of(string parameter, Type type, bool mandatory)
    {
        // The most derived declaration first, as the parameter binder sees it.
        var property = _cmdlet.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name.Equals(parameter, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(p => Depth(p.DeclaringType))
            .FirstOrDefault();
        // -WhatIf and -Confirm (from SupportsShouldProcess) are switches the engine adds, off unless given.
        if (property is null) return type == typeof(SwitchParameter) ? "False" : None;
        if (property.GetCustomAttribute<PSDefaultValueAttribute>() is { } stated)
            return stated.Help ?? Format(stated.Value) ?? None;
        if (mandatory) return None;
        var value = _instance is null ? null : property.GetValue(_instance);
        if (value is SwitchParameter flag) return flag.IsPresent ? "True" : "False";
        return Format(value) ?? None;
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        string text => text.Length == 0 ? null : text,
        System.Collections.ICollection { Count: 0 } => null,
        Array array => string.Join(", ", array.Cast<object?>().Select(Format)),
        ValueType when value.Equals(Activator.CreateInstance(value.GetType())) => null,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static int Depth(Type? type)
    {
        var depth = 0;
        for (; type is not null; type = type.BaseType) depth++;
        return depth;
    }
}
