using System.Globalization;

namespace Engagement;

/// <summary>
/// Checks a visitor's answers against a queue's <see cref="PreChatForm"/> and turns them into the contact's attributes
/// (docs/protocol.md, Pre-chat form). Pure: the visitor hub, the queue rules and tests share it. A failure is
/// <c>invalid</c> (or <c>too_large</c>) with a message naming the field as <c>form.{key}</c>.
/// </summary>
public static class PreChatAnswers
{
    public const string NameKey = "name";
    public const string EmailKey = "email";
    /// <summary>The answer key of the consent checkbox ("true" when ticked), and the attribute that keeps the text agreed to.</summary>
    public const string ConsentKey = "consent";
    /// <summary>The attribute that keeps when consent was given.</summary>
    public const string ConsentAtKey = "consentAt";

    /// <summary>Attribute names a custom field may not take: the form's own answers go there.</summary>
    public static readonly IReadOnlySet<string> ReservedKeys = new HashSet<string>([NameKey, EmailKey, ConsentKey, ConsentAtKey], StringComparer.OrdinalIgnoreCase);

    private static readonly PreChatForm NoForm = new(PreChatAsk.Hidden, PreChatAsk.Hidden, []);

    /// <summary>
    /// The attributes <paramref name="answers"/> become. A queue without a form takes no answers; a key the form does
    /// not ask is refused; blank answers count as not given.
    /// </summary>
    public static Dictionary<string, string> Check(PreChatForm? form, IReadOnlyDictionary<string, string?>? answers, DateTimeOffset now)
    {
        form ??= NoForm;
        answers ??= new Dictionary<string, string?>();
        foreach (var key in answers.Keys)
            if (!Asks(form, key))
                throw EngagementException.Invalid($"form.{Shown(key)} is not a question of this queue's pre-chat form.");

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Answer(string key) => answers.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        void Require(bool required, string key, string? value)
        {
            if (required && value is null) throw EngagementException.Invalid($"form.{key} is required.");
        }

        var name = Answer(NameKey);
        Require(form.Name == PreChatAsk.Required, NameKey, name);
        if (name is not null) attributes[NameKey] = Text(NameKey, name, Limits.Name);
        var email = Answer(EmailKey);
        Require(form.Email == PreChatAsk.Required, EmailKey, email);
        if (email is not null) attributes[EmailKey] = Email(EmailKey, email);

        foreach (var field in form.Fields)
        {
            var value = Answer(field.Key);
            Require(field.Required, field.Key, value);
            if (value is not null) attributes[field.Key] = Value(field, value);
        }

        if (form.Consent is { } consent)
        {
            var given = Answer(ConsentKey) switch
            {
                null => false,
                var v when v.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
                var v when v.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
                _ => throw EngagementException.Invalid($"form.{ConsentKey} is \"true\" (given) or \"false\"."),
            };
            if (consent.Required && !given) throw EngagementException.Invalid($"form.{ConsentKey} must be given (\"true\") to go on.");
            if (given)
            {
                attributes[ConsentKey] = consent.Text;
                attributes[ConsentAtKey] = now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
            }
        }
        return attributes;
    }

    private static bool Asks(PreChatForm form, string key) => key switch
    {
        NameKey => form.Name != PreChatAsk.Hidden,
        EmailKey => form.Email != PreChatAsk.Hidden,
        ConsentKey => form.Consent is not null,
        _ => form.Fields.Any(f => f.Key == key),
    };

    private static string Value(PreChatField field, string value) => field.Kind switch
    {
        PreChatFieldKind.Email => Email(field.Key, value),
        PreChatFieldKind.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)
            ? Text(field.Key, value, Limits.AttributeValue)
            : throw EngagementException.Invalid($"form.{field.Key} must be a number, such as 42 or 3.5."),
        PreChatFieldKind.Select => field.Options.Contains(value, StringComparer.Ordinal)
            ? value
            : throw EngagementException.Invalid($"form.{field.Key} must be one of: {string.Join(", ", field.Options)}."),
        _ => Text(field.Key, value, Limits.AttributeValue),
    };

    private static string Text(string key, string value, int max)
    {
        if (value.Length > max) throw EngagementException.TooLarge($"form.{key} is longer than {max} characters.");
        if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            throw EngagementException.Invalid($"form.{key} contains control characters.");
        return value;
    }

    private static string Email(string key, string value)
    {
        if (value.Length > Limits.Email) throw EngagementException.TooLarge($"form.{key} is longer than {Limits.Email} characters.");
        return EmailAddresses.IsValid(value) ? value : throw EngagementException.Invalid($"form.{key} is not a valid address (name@example.com).");
    }

    /// <summary>A key as an error message quotes it: cut to an id's length, so a long one does not fill the message.</summary>
    private static string Shown(string key) => key.Length <= Limits.Id ? key : key[..Limits.Id] + "…";
}
