using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Engagement.Api.Hosting;
using Microsoft.AspNetCore.SignalR;

namespace Engagement.ProtocolTs;

/// <summary>
/// Writes web/src/shared/protocol.ts from the C# contracts (<see cref="ProtocolCatalog"/>): one TypeScript interface
/// per record as System.Text.Json writes it with the hubs' own options (<see cref="JsonSetup"/>: camelCase names,
/// enums as camelCase strings), one string union per enum, the event names and each event's payload.
/// </summary>
/// <remarks>
/// Our own small generator, because NJsonSchema's TypeScript generator (and openapi-typescript) are not served by
/// the package registries this project builds from. It reads the shapes from System.Text.Json's own contract
/// (<see cref="JsonTypeInfo"/>), so property names, order and which properties are written are the serializer's,
/// not a second guess. Mapping: numbers → <c>number</c>; strings, timestamps, durations, ids → <c>string</c>;
/// nullable → <c>| null</c>; a property with a default, in what clients send, → optional; arrays and lists → <c>T[]</c>; string-keyed dictionaries → <c>Record&lt;string, T&gt;</c>;
/// <c>object</c> → <c>unknown</c>.
/// </remarks>
public sealed class TypeScriptProtocol
{
    private static readonly NullabilityInfoContext Nullability = new();
    private readonly JsonSerializerOptions _json = HubJson();
    private readonly SortedDictionary<string, string> _declarations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _declared = new(StringComparer.Ordinal);
    private readonly IReadOnlySet<Type> _inputs = ProtocolCatalog.Inputs();
    private readonly XmlDocs _docs = new();

    /// <summary>The whole file, as committed.</summary>
    public static string Generate()
    {
        var writer = new TypeScriptProtocol();
        foreach (var root in ProtocolCatalog.Roots()) writer.Reference(Unwrap(root), nullable: false);
        var payloads = ProtocolCatalog.Events.Select(e => (e.Name, Type: writer.Reference(e.Payload, nullable: false))).ToList();

        var ts = new StringBuilder();
        ts.Append("""
            // Generated from the C# contracts by tools/protocol-ts (./engage protocol): do not edit by hand; a unit test
            // fails when this file and the contracts differ. The payloads of docs/protocol.md as the hubs and REST send
            // them: camelCase properties, enums as camelCase strings, timestamps (ISO 8601) and durations (.NET TimeSpan)
            // as strings, absent values as null.

            /** The events clients receive, by name (ClientEvents). */
            export const Events = {

            """);
        foreach (var (name, _) in payloads) ts.Append($"  {name}: \"{name}\",\n");
        ts.Append("} as const;\n\n/** Each event's payload (ClientEvent's factories). */\nexport interface EventPayloads {\n");
        foreach (var (name, type) in payloads) ts.Append($"  {name}: {type};\n");
        ts.Append("}\n");
        foreach (var declaration in writer._declarations.Values) ts.Append('\n').Append(declaration);
        return ts.ToString();
    }

    /// <summary>The TypeScript for <paramref name="type"/>, declaring it (and what it uses) when it is ours.</summary>
    private string Reference(Type type, bool nullable, NullabilityInfo? info = null)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return Reference(inner, nullable: true);
        var ts = Named(type, info);
        return nullable ? $"{ts} | null" : ts;
    }

    private string Named(Type type, NullabilityInfo? info)
    {
        if (type == typeof(string) || type == typeof(char) || type == typeof(Guid) || type == typeof(Uri)
            || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(TimeSpan)
            || type == typeof(DateOnly) || type == typeof(TimeOnly)) return "string";
        if (type == typeof(bool)) return "boolean";
        if (type.IsPrimitive || type == typeof(decimal)) return "number";
        if (type == typeof(object) || type == typeof(JsonElement)) return "unknown";
        if (type.IsEnum) return Declare(type, () => EnumDeclaration(type));
        if (Dictionary(type) is { } value)
            return $"Record<string, {Reference(value, IsNullable(info?.GenericTypeArguments.ElementAtOrDefault(1)), info?.GenericTypeArguments.ElementAtOrDefault(1))}>";
        if (Element(type) is { } element)
        {
            var elementInfo = info?.ElementType ?? info?.GenericTypeArguments.FirstOrDefault();
            var ts = Reference(element, IsNullable(elementInfo), elementInfo);
            return ts.Contains(' ') ? $"({ts})[]" : $"{ts}[]";
        }
        return Declare(type, () => InterfaceDeclaration(type));
    }

    private string Declare(Type type, Func<string> declaration)
    {
        var name = type.Name;
        if (_declared.TryGetValue(name, out var known))
        {
            if (known != type) throw new InvalidOperationException($"Two contract types are named {name}: {known.FullName} and {type.FullName}.");
            return name;
        }
        _declared[name] = type;
        _declarations[name] = declaration();
        return name;
    }

    private string EnumDeclaration(Type type)
    {
        var values = Enum.GetValues(type).Cast<object>().Select(v => (Json: JsonSerializer.Serialize(v, type, _json), Doc: _docs.Of(type, v.ToString()!))).ToList();
        if (values.All(v => v.Doc is null)) return $"{Doc(_docs.Of(type), "")}export type {type.Name} = {string.Join(" | ", values.Select(v => v.Json))};\n";
        // One value per line when the values have their own docs.
        return $"{Doc(_docs.Of(type), "")}export type {type.Name} =\n" + string.Concat(values.Select(v => $"{Doc(v.Doc, "  ")}  | {v.Json}\n")).TrimEnd('\n') + ";\n";
    }

    private string InterfaceDeclaration(Type type)
    {
        if (type.IsGenericType || type.IsAbstract || type.IsInterface)
            throw new InvalidOperationException($"{type.FullName} has no one shape on the wire; give the protocol a concrete record.");
        var properties = _json.GetTypeInfo(type).Properties;
        var ts = new StringBuilder($"{Doc(_docs.Of(type), "")}export interface {type.Name} {{\n");
        foreach (var property in properties)
        {
            var info = property.AttributeProvider is PropertyInfo p ? Nullability.Create(p) : null;
            // What a client sends may leave out what has a default; what the server sends always has every property.
            var optional = _inputs.Contains(type) && property.AssociatedParameter is { HasDefaultValue: true } ? "?" : "";
            var doc = property.AttributeProvider is PropertyInfo documented ? _docs.Of(documented) : null;
            ts.Append($"{Doc(doc, "  ")}  {property.Name}{optional}: {Reference(property.PropertyType, IsNullable(info), info)};\n");
        }
        return ts.Append("}\n").ToString();
    }

    /// <summary>A JSDoc comment (on one line when it fits in <see cref="Width"/>), or nothing.</summary>
    private static string Doc(string? text, string indent)
    {
        if (text is null) return "";
        if (indent.Length + text.Length + 7 <= Width) return $"{indent}/** {text} */\n";
        var doc = new StringBuilder($"{indent}/**\n");
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && indent.Length + 3 + line.Length + 1 + word.Length > Width)
            {
                doc.Append($"{indent} * {line}\n");
                line.Clear();
            }
            line.Append(line.Length > 0 ? " " : "").Append(word);
        }
        return doc.Append($"{indent} * {line}\n{indent} */\n").ToString();
    }

    /// <summary>The widest line of a comment in the generated file.</summary>
    private const int Width = 110;

    private static bool IsNullable(NullabilityInfo? info) => info is { ReadState: NullabilityState.Nullable } && !info.Type.IsValueType;

    private static Type? Dictionary(Type type) =>
        type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) && i.GetGenericArguments()[0] == typeof(string))
            ?.GetGenericArguments()[1];

    private static Type? Element(Type type) =>
        type.IsArray ? type.GetElementType()
        : type != typeof(string) && type.IsAssignableTo(typeof(IEnumerable))
            ? type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
            : null;

    /// <summary>A hub method's answer without its task; a method that answers nothing has no payload (<c>unknown</c>).</summary>
    private static Type Unwrap(Type type) =>
        type == typeof(Task) || type == typeof(ValueTask) || type == typeof(void) ? typeof(object)
        : type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)) ? type.GetGenericArguments()[0]
        : type;

    /// <summary>The hubs' payload options: SignalR's defaults with ours applied, as the silo configures them.</summary>
    private static JsonSerializerOptions HubJson()
    {
        var options = new JsonSerializerOptions(new JsonHubProtocolOptions().PayloadSerializerOptions) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        JsonSetup.Apply(options);
        options.MakeReadOnly();
        return options;
    }
}
