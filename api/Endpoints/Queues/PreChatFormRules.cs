using Engagement.Api.Validation;

namespace Engagement.Api.Endpoints.Queues;

/// <summary>
/// Validates a queue's pre-chat form (docs/protocol.md, Pre-chat form): field keys are ids, unique and not the form's
/// own attributes; labels and texts within their limits; options only on select fields, which need at least one.
/// </summary>
internal static class PreChatFormRules
{
    private const string Form = "preChatForm";

    /// <summary>The form as stored; null when it asks nothing (no form).</summary>
    public static PreChatForm? Check(PreChatForm form)
    {
        Ask(form.Name, $"{Form}.name");
        Ask(form.Email, $"{Form}.email");
        var fields = form.Fields ?? [];
        if (fields.Length > Limits.PreChatFields)
            throw InputException.TooLarge($"{Form}.fields", $"{Form}.fields holds at most {Limits.PreChatFields} fields.");
        var checkedFields = fields.Select((field, i) => Field(field, $"{Form}.fields[{i}]")).ToArray();
        var duplicate = checkedFields.GroupBy(f => f.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InputException($"{Form}.fields", $"{Form}.fields has the key '{duplicate.Key}' more than once.");
        var consent = form.Consent is { } c
            ? new PreChatConsent(InputRules.RequiredText(c.Text, Limits.ConsentText, $"{Form}.consent.text"), c.Required)
            : null;
        var asksNothing = form.Name == PreChatAsk.Hidden && form.Email == PreChatAsk.Hidden && checkedFields.Length == 0 && consent is null;
        return asksNothing ? null : new PreChatForm(form.Name, form.Email, checkedFields, consent);
    }

    private static PreChatField Field(PreChatField? field, string at)
    {
        if (field is null) throw new InputException(at, $"{at} is null; send a field.");
        var key = InputRules.Id(field.Key, $"{at}.key");
        if (PreChatAnswers.ReservedKeys.Contains(key))
            throw new InputException($"{at}.key", $"{at}.key may not be '{key}': {string.Join(", ", PreChatAnswers.ReservedKeys)} hold the form's own answers.");
        var label = InputRules.RequiredText(field.Label, Limits.Name, $"{at}.label");
        if (!Enum.IsDefined(field.Kind)) throw new InputException($"{at}.kind", $"{at}.kind is text, email, number or select.");
        var options = field.Options ?? [];
        if (field.Kind != PreChatFieldKind.Select)
        {
            if (options.Length > 0) throw new InputException($"{at}.options", $"{at}.options go only with kind select.");
            return field with { Key = key, Label = label, Options = [] };
        }
        if (options.Length == 0) throw new InputException($"{at}.options", $"{at}.options: a select field needs at least one option.");
        if (options.Length > Limits.PreChatOptions)
            throw InputException.TooLarge($"{at}.options", $"{at}.options holds at most {Limits.PreChatOptions} options.");
        var texts = options.Select(o => InputRules.RequiredText(o, Limits.Name, $"{at}.options[]")).ToArray();
        if (texts.Distinct(StringComparer.Ordinal).Count() != texts.Length) throw new InputException($"{at}.options", $"{at}.options are each given once.");
        return field with { Key = key, Label = label, Options = texts };
    }

    private static void Ask(PreChatAsk ask, string field)
    {
        if (!Enum.IsDefined(ask)) throw new InputException(field, $"{field} is hidden, optional or required.");
    }
}
