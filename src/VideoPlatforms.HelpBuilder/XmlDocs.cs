using System.Xml.Linq;

namespace VideoPlatforms.HelpBuilder;

/// <summary>
/// Parameter descriptions from the cmdlets' XML doc comments (&lt;para type="description"&gt;), the fallback for any
/// parameter the markdown does not describe: a parameter added in code is never undocumented in help.
/// </summary>
internal sealed class XmlDocs
{
    private readonly Dictionary<string, string> _members = new(StringComparer.Ordinal);

    public XmlDocs(string? path)
    {
        if (path is null || !File.Exists(path)) return;
        foreach (var member in XDocument.Load(path).Descendants("member"))
        {
            var name = member.Attribute("name")?.Value;
            var text = member.Descendants("para").FirstOrDefault(p => (string?)p.Attribute("type") == "description")?.Value
                       ?? member.Element("summary")?.Value;
            if (name is not null && !string.IsNullOrWhiteSpace(text))
                _members[name] = string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
    }

    /// <summary>The description of a property on a cmdlet type or any of its base types.</summary>
    public string? Parameter(Type cmdlet, string property)
    {
        for (var type = cmdlet; type is not null; type = type.BaseType)
            if (_members.TryGetValue($"P:{type.FullName}.{property}", out var text)) return text;
        return null;
    }
}
