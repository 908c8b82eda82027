using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Engagement.ProtocolTs;

/// <summary>
/// The summaries of the contracts' XML documentation (the .xml file the compiler writes next to each assembly), as
/// plain text for JSDoc: a TypeScript client shows the same words as the C# one. A member without docs has none.
/// </summary>
public sealed partial class XmlDocs
{
    private readonly Dictionary<Assembly, IReadOnlyDictionary<string, XElement>> _files = [];

    /// <summary>A type's summary.</summary>
    public string? Of(Type type) => Summary(type.Assembly, "T:" + Id(type));

    /// <summary>An enum member's summary.</summary>
    public string? Of(Type enumType, string member) => Summary(enumType.Assembly, $"F:{Id(enumType)}.{member}");

    /// <summary>A property's summary, or, for a positional record, its constructor parameter's.</summary>
    public string? Of(PropertyInfo property)
    {
        var type = property.DeclaringType!;
        return Summary(type.Assembly, $"P:{Id(type)}.{property.Name}")
               ?? Text(Members(type.Assembly).GetValueOrDefault("T:" + Id(type))?.Elements("param").FirstOrDefault(p => (string?)p.Attribute("name") == property.Name));
    }

    private string? Summary(Assembly assembly, string id) => Text(Members(assembly).GetValueOrDefault(id)?.Element("summary"));

    private IReadOnlyDictionary<string, XElement> Members(Assembly assembly)
    {
        if (_files.TryGetValue(assembly, out var members)) return members;
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        members = File.Exists(path)
            ? XDocument.Load(path).Descendants("member").Where(m => m.Attribute("name") is not null).ToDictionary(m => (string)m.Attribute("name")!)
            : new Dictionary<string, XElement>();
        return _files[assembly] = members;
    }

    private static string Id(Type type) => type.FullName!.Replace('+', '.');

    /// <summary>The element's text on one line: <c>see cref</c> becomes the name it points at.</summary>
    private static string? Text(XElement? element)
    {
        if (element is null) return null;
        var text = string.Concat(element.Nodes().Select(n => n switch
        {
            XElement { Name.LocalName: "see" or "seealso" } see => ((string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? "").Split('.', ':').Last(),
            XElement { Name.LocalName: "paramref" or "typeparamref" } p => (string?)p.Attribute("name") ?? "",
            XElement e => e.Value,
            XText t => t.Value,
            _ => "",
        }));
        text = Whitespace().Replace(text, " ").Trim().Replace("*/", "* /");
        return text.Length == 0 ? null : text;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
