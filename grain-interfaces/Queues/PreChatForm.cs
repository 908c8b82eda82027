namespace Engagement;

/// <summary>Whether a pre-chat form asks for a value, and whether the visitor must give it.</summary>
public enum PreChatAsk
{
    Hidden = 0,
    Optional = 1,
    Required = 2,
}

/// <summary>What a custom field of a pre-chat form takes.</summary>
public enum PreChatFieldKind
{
    Text = 0,
    Email = 1,
    Number = 2,
    Select = 3,
}

/// <summary>
/// The questions a queue asks before a chat starts or a message is left (docs/protocol.md, Pre-chat form). The
/// answers become the contact's attributes: <c>name</c>, <c>email</c>, each field's key, and the consent with its time.
/// </summary>
/// <param name="Name">Whether the visitor's name is asked.</param>
/// <param name="Email">Whether the visitor's email address is asked (a left message always needs one).</param>
/// <param name="Fields">Custom fields, in the order shown.</param>
/// <param name="Consent">A checkbox the visitor ticks (e.g. to agree to a privacy notice); null: none.</param>
[GenerateSerializer, Immutable, Alias("engagement.pre-chat-form")]
public sealed record PreChatForm(
    [property: Id(0)] PreChatAsk Name,
    [property: Id(1)] PreChatAsk Email,
    [property: Id(2)] PreChatField[] Fields,
    [property: Id(3)] PreChatConsent? Consent = null);

/// <summary>A custom field of a pre-chat form.</summary>
/// <param name="Key">The attribute the answer is stored under (an id; not one of the reserved attribute names).</param>
/// <param name="Label">What the visitor reads beside the field.</param>
/// <param name="Options">The choices of a <see cref="PreChatFieldKind.Select"/> field; empty for the other kinds.</param>
[GenerateSerializer, Immutable, Alias("engagement.pre-chat-field")]
public sealed record PreChatField(
    [property: Id(0)] string Key,
    [property: Id(1)] string Label,
    [property: Id(2)] PreChatFieldKind Kind,
    [property: Id(3)] bool Required,
    [property: Id(4)] string[] Options);

/// <summary>A consent checkbox: its text, and whether a chat needs it ticked.</summary>
[GenerateSerializer, Immutable, Alias("engagement.pre-chat-consent")]
public sealed record PreChatConsent(
    [property: Id(0)] string Text,
    [property: Id(1)] bool Required);
