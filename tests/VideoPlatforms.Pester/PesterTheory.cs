using Xunit.Abstractions;
using Xunit.Sdk;

namespace VideoPlatforms.Pester;

/// <summary>
/// A [Theory] whose cases are named after the Pester test or file they stand for, whole: xunit 2 cuts a string
/// argument shown in a case's name after 50 characters, and Pester names are longer.
/// </summary>
[XunitTestCaseDiscoverer("VideoPlatforms.Pester.PesterTheoryDiscoverer", "VideoPlatforms.Pester")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class PesterTheoryAttribute : TheoryAttribute
{
    /// <summary>What the case's name starts with, before the Pester test or file.</summary>
    public string Prefix { get; set; } = "Pester";
}

public sealed class PesterTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow) =>
        new[] { new PesterTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, dataRow) };
}

/// <summary>One row of a <see cref="PesterTheoryAttribute"/> theory, shown as "Prefix: the Pester name".</summary>
public sealed class PesterTestCase : XunitTestCase
{
    [Obsolete("For the deserializer only.")]
    public PesterTestCase() { }

    public PesterTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method, object[] arguments)
        : base(sink, display, options, method, arguments) { }

    protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName) =>
        $"{factAttribute.GetNamedArgument<string>(nameof(PesterTheoryAttribute.Prefix))}: {TestMethodArguments?.FirstOrDefault()}";
}
