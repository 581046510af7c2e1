using System.Collections;
using System.Management.Automation;

namespace VideoPlatforms.Commands;

/// <summary>
/// One value of the enum <typeparamref name="TEnum"/>, as a parameter whose values depend on the platform takes it
/// (Send-Video -Privacy, Get-Video -Status, Add-VideoCaption -Kind).
/// </summary>
/// <remarks>
/// It exists for tab completion alone. PowerShell completes a parameter declared as an enum (also a nullable enum or
/// an array of one) with every name of the enum and returns before it asks any completer: in
/// CompletionCompleters.ProcessParameter the enum branch returns ahead of NativeCommandArgumentCompletion, the only
/// place that runs [ArgumentCompleter] and Register-ArgumentCompleter (PowerShell 7.6). Declared as this type, the
/// parameter reaches <see cref="PlatformValueCompleter{TEnum}"/>, which offers what the target connection's platform
/// takes. Binding stays the enum's own: <see cref="PlatformValueTransformationAttribute"/> converts with PowerShell's
/// enum conversion, so the same names (any case), numbers and error text as before.
/// </remarks>
public readonly struct PlatformValue<TEnum> : IEquatable<PlatformValue<TEnum>> where TEnum : struct, Enum
{
    public PlatformValue(TEnum value) => Value = value;

    public TEnum Value { get; }

    public static implicit operator PlatformValue<TEnum>(TEnum value) => new(value);

    public static implicit operator TEnum(PlatformValue<TEnum> value) => value.Value;

    public bool Equals(PlatformValue<TEnum> other) => EqualityComparer<TEnum>.Default.Equals(Value, other.Value);

    public override bool Equals(object? obj) => obj is PlatformValue<TEnum> other && Equals(other);

    public override int GetHashCode() => Value.GetHashCode();

    public override string ToString() => Value.ToString();
}

/// <summary>
/// Binds a <see cref="PlatformValue{TEnum}"/> parameter (or an array of them) exactly as a parameter of the enum type
/// would bind: each item is converted by PowerShell's own enum conversion, whose message (naming the enum and its
/// values) is the error a wrong name gets.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class PlatformValueTransformationAttribute(Type enumType) : ArgumentTransformationAttribute
{
    private readonly Type _wrapper = typeof(PlatformValue<>).MakeGenericType(enumType);

    public Type EnumType { get; } = enumType;

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var input = inputData is PSObject ps ? ps.BaseObject : inputData;
        if (input is null) return null;
        try
        {
            if (input is IList many && input is not string)
            {
                var values = Array.CreateInstance(_wrapper, many.Count);
                for (var i = 0; i < many.Count; i++) values.SetValue(One(many[i]), i);
                return values;
            }
            return One(input);
        }
        catch (PSInvalidCastException ex)
        {
            throw new ArgumentTransformationMetadataException(ex.Message, ex);
        }
    }

    private object? One(object? item)
    {
        var value = item is PSObject ps ? ps.BaseObject : item;
        if (value is null || value.GetType() == _wrapper) return value;
        return Activator.CreateInstance(_wrapper, LanguagePrimitives.ConvertTo(value, EnumType, System.Globalization.CultureInfo.InvariantCulture));
    }
}
