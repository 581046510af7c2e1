using System.Management.Automation;
using System.Xml.Linq;

namespace VideoPlatforms.HelpBuilder;

/// <summary>
/// Writes MAML (the format Get-Help reads) for the module's cmdlets. The structure and element order follow
/// PowerShell/platyPS's MAML model: details, description, syntax, parameters, inputTypes, returnValues, alertSet,
/// examples, relatedLinks.
/// </summary>
internal static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    // Common parameters are summarised by Get-Help as <CommonParameters>; WhatIf and Confirm are listed like others.
    private static readonly HashSet<string> Common = new(Cmdlet.CommonParameters.Append("UseTransaction"), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Parameters help leaves out: the common ones, and those marked [Parameter(DontShow = true)], which exist to bind
    /// a property of an object piped in (ItemProvider, ItemTitle) and are not meant to be typed.
    /// </summary>
    private static bool Hidden(CommandParameterInfo p) =>
        Common.Contains(p.Name) || p.Attributes.OfType<ParameterAttribute>().Any(a => a.DontShow);

    /// <summary>PowerShell's own wording for the risk-mitigation parameters every ShouldProcess cmdlet gets.</summary>
    private static readonly Dictionary<string, string> Standard = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WhatIf"] = "Shows what would happen if the cmdlet runs. The cmdlet is not run.",
        ["Confirm"] = "Prompts you for confirmation before running the cmdlet.",
    };

    /// <param name="onlineHelp">Where each cmdlet's page is read online, from its name (Get-Help -Online opens it).</param>
    public static XDocument Write(IEnumerable<(CmdletInfo Info, CommandDoc Doc)> commands, XmlDocs xmlDocs, Func<string, Uri> onlineHelp) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
                commands.Select(c => CommandElement(c.Info, c.Doc, xmlDocs, onlineHelp(c.Info.Name)))));

    private static XElement CommandElement(CmdletInfo info, CommandDoc doc, XmlDocs xmlDocs, Uri online)
    {
        var parameters = info.ParameterSets.SelectMany(s => s.Parameters).Where(p => !Hidden(p))
            .GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();
        string Describe(string name) => WithPlatforms(info, name, doc.Parameters.TryGetValue(name, out var text) && text.Length > 0 ? text
            : xmlDocs.Parameter(info.ImplementingType, name) ?? Standard.GetValueOrDefault(name, ""));
        var defaults = new DefaultValues(info.ImplementingType);

        return new XElement(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XElement(Command + "details",
                new XElement(Command + "name", info.Name),
                Paras(Maml + "description", new[] { doc.Synopsis }),
                new XElement(Command + "verb", info.Verb),
                new XElement(Command + "noun", info.Noun)),
            Paras(Maml + "description", doc.Description),
            new XElement(Command + "syntax",
                // Sets a person types positionally (Send-Video -Path) read first, whatever set is the binding default.
                info.ParameterSets.OrderByDescending(s => s.Parameters.Any(p => p.Position == 0)).ThenByDescending(s => s.IsDefault)
                    .Select(set => new XElement(Command + "syntaxItem",
                    new XElement(Maml + "name", info.Name),
                    set.Parameters.Where(p => !Hidden(p))
                        .OrderBy(p => p.Position < 0 ? int.MaxValue : p.Position).ThenByDescending(p => p.IsMandatory)
                        .Select(p => ParameterElement(p, new[] { p }, Describe(p.Name), defaults))))),
            new XElement(Command + "parameters",
                parameters.OrderBy(g => g.Key).Select(g => ParameterElement(g.First(), g.ToList(), Describe(g.Key), defaults))),
            new XElement(Command + "inputTypes", doc.Inputs.Select(i => TypeElement(Command + "inputType", i.Type, i.Description))),
            new XElement(Command + "returnValues", doc.Outputs.Select(o => TypeElement(Command + "returnValue", o.Type, o.Description))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", doc.Notes.Select(n => new XElement(Maml + "para", n)))),
            new XElement(Command + "examples", doc.Examples.Select((e, i) => new XElement(Command + "example",
                new XElement(Maml + "title", $"-------------------------- {e.Title} --------------------------"),
                new XElement(Maml + "introduction", new XElement(Maml + "para", "")),
                new XElement(Dev + "code", e.Code),
                Paras(Dev + "remarks", e.Remarks)))),
            // platyPS's convention, which Get-Help -Online reads: the first link is "Online Version:" with the page's URI.
            new XElement(Command + "relatedLinks",
                NavigationLink("Online Version:", online.AbsoluteUri),
                doc.Links.Select(l => NavigationLink(l.Text, l.Uri.StartsWith("http", StringComparison.Ordinal) ? l.Uri : ""))));
    }

    private static XElement NavigationLink(string text, string uri) =>
        new(Maml + "navigationLink", new XElement(Maml + "linkText", text), new XElement(Maml + "uri", uri));

    /// <summary>
    /// A platform-dependent parameter's description with which platforms honour it, generated from the providers'
    /// declarations through the parameter's DependsOnPlatform attribute, so help cannot drift from what is refused.
    /// Read by name: the module's assemblies are loaded by Import-Module, not referenced by this tool.
    /// </summary>
    private static string WithPlatforms(CmdletInfo info, string name, string description)
    {
        var marker = info.Parameters.TryGetValue(name, out var metadata)
            ? metadata.Attributes.FirstOrDefault(a => a.GetType().Name == "DependsOnPlatformAttribute") : null;
        return marker?.GetType().GetProperty("PlatformSupport")?.GetValue(marker) is string support && support.Length > 0
            ? $"{description.TrimEnd()} {support}".Trim() : description;
    }

    /// <summary>A parameter as seen in one set (syntax) or across all its sets (the parameters list).</summary>
    private static XElement ParameterElement(CommandParameterInfo p, IReadOnlyList<CommandParameterInfo> inSets, string description, DefaultValues defaults)
    {
        var byValue = inSets.Any(s => s.ValueFromPipeline);
        var byName = inSets.Any(s => s.ValueFromPipelineByPropertyName);
        var pipeline = (byValue, byName) switch
        {
            (true, true) => "true (ByValue, ByPropertyName)",
            (true, false) => "true (ByValue)",
            (false, true) => "true (ByPropertyName)",
            _ => "false",
        };
        var type = ValueType(p.ParameterType);
        var isSwitch = p.ParameterType == typeof(SwitchParameter);
        var choices = type.IsEnum ? Enum.GetNames(type)
            : p.Attributes.OfType<ValidateSetAttribute>().FirstOrDefault()?.ValidValues.ToArray();
        return new XElement(Command + "parameter",
            new XAttribute("required", inSets.All(s => s.IsMandatory) ? "true" : "false"),
            new XAttribute("variableLength", p.ParameterType.IsArray ? "true" : "false"),
            new XAttribute("globbing", p.Attributes.OfType<SupportsWildcardsAttribute>().Any() ? "true" : "false"),
            new XAttribute("pipelineInput", pipeline),
            new XAttribute("position", inSets.Select(s => s.Position).FirstOrDefault(pos => pos >= 0, -1) is var pos and >= 0 ? pos.ToString() : "named"),
            new XAttribute("aliases", p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases)),
            new XElement(Maml + "name", p.Name),
            Paras(Maml + "description", new[] { description }),
            choices is null ? null : new XElement(Command + "parameterValueGroup",
                choices.Select(c => new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), c))),
            isSwitch ? null : new XElement(Command + "parameterValue",
                new XAttribute("required", "true"), new XAttribute("variableLength", p.ParameterType.IsArray ? "true" : "false"), FriendlyName(p.ParameterType)),
            new XElement(Dev + "type", new XElement(Maml + "name", FriendlyName(p.ParameterType)), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", defaults.Of(p.Name, p.ParameterType, mandatory: inSets.All(s => s.IsMandatory))));
    }

    private static XElement TypeElement(XName name, string type, string description) =>
        new(name, new XElement(Dev + "type", new XElement(Maml + "name", type)), Paras(Maml + "description", new[] { description }));

    private static XElement Paras(XName name, IEnumerable<string> paragraphs) =>
        new(name, paragraphs.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => new XElement(Maml + "para", p)));

    /// <summary>
    /// The type whose values a person types: Nullable and array wrappers removed, and the enum inside a
    /// PlatformValue (the module's wrapper that lets tab completion offer what the platform takes).
    /// </summary>
    private static Type ValueType(Type type)
    {
        if (type.IsArray) type = type.GetElementType()!;
        type = Nullable.GetUnderlyingType(type) ?? type;
        return PlatformValueOf(type) ?? type;
    }

    private static string FriendlyName(Type type) => type.IsArray ? FriendlyName(type.GetElementType()!) + "[]"
        : Nullable.GetUnderlyingType(type) is { } inner ? FriendlyName(inner)
        : PlatformValueOf(type) is { } value ? value.Name
        : type.Name;

    // By name: the help builder loads the module's assembly at run time and does not reference it.
    private static Type? PlatformValueOf(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition().Name == "PlatformValue`1" ? type.GetGenericArguments()[0] : null;
}
