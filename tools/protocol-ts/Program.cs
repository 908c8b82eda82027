using Engagement.ProtocolTs;

// ./engage protocol: writes web/src/shared/protocol.ts from the C# contracts (TypeScriptProtocol).
// Usage: Engagement.ProtocolTs <path of protocol.ts>
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Engagement.ProtocolTs <path of web/src/shared/protocol.ts>");
    return 2;
}
var generated = TypeScriptProtocol.Generate();
var path = Path.GetFullPath(args[0]);
var changed = !File.Exists(path) || File.ReadAllText(path) != generated;
if (changed) File.WriteAllText(path, generated);
Console.WriteLine(changed ? $"wrote {path}" : $"{path} is up to date");
return 0;
