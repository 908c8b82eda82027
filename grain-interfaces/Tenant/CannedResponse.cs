namespace Engagement;

/// <summary>A saved reply agents insert with a shortcut.</summary>
[GenerateSerializer, Immutable, Alias("engagement.canned-response")]
public sealed record CannedResponse(
    [property: Id(0)] string Id,
    [property: Id(1)] string Shortcut,
    [property: Id(2)] string Title,
    [property: Id(3)] string Text);
