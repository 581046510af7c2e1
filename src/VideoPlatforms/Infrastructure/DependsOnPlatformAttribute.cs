namespace VideoPlatforms.Commands;

/// <summary>
/// Marks a parameter whose effect depends on the platform, naming the option it is in the providers' declarations
/// (<see cref="ProviderCapabilities"/>). The engine refuses it where a platform does not honour it; help adds
/// <see cref="PlatformSupport"/> to its description, and the matrix test walks every parameter that carries it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DependsOnPlatformAttribute(PlatformOption option) : Attribute
{
    public PlatformOption Option { get; } = option;

    /// <summary>Which platforms honour the parameter and how, from their declarations (read by the help builder).</summary>
    public string PlatformSupport => VideoPlatforms.PlatformSupport.Describe(Option);
}
