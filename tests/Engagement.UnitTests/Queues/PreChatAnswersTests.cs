namespace Engagement.UnitTests.Queues;

/// <summary>The pre-chat form's answers against the form (docs/protocol.md, Pre-chat form): what they become, and each refusal naming its field.</summary>
public class PreChatAnswersTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 10, 0, 0, TimeSpan.FromHours(1));

    private static readonly PreChatForm Form = new(PreChatAsk.Required, PreChatAsk.Optional,
    [
        new PreChatField("seats", "Seats", PreChatFieldKind.Number, false, []),
        new PreChatField("billing", "Billing email", PreChatFieldKind.Email, false, []),
        new PreChatField("plan", "Plan", PreChatFieldKind.Select, true, ["Starter", "Pro"]),
    ], new PreChatConsent("You may keep this chat.", Required: true));

    private static Dictionary<string, string?> Good() => new() { ["name"] = " Rosa ", ["plan"] = "Pro", ["seats"] = "1e3", ["consent"] = "TRUE", ["email"] = "" };

    [Fact]
    public void Good_answers_become_attributes_with_the_consent_and_its_time()
    {
        var attributes = PreChatAnswers.Check(Form, Good(), T0);
        Assert.Equal(new Dictionary<string, string>
        {
            ["name"] = "Rosa", ["plan"] = "Pro", ["seats"] = "1e3", ["consent"] = "You may keep this chat.", ["consentAt"] = "2026-12-04T09:00:00.0000000+00:00",
        }, attributes);
    }

    [Theory]
    [InlineData("name", null, "invalid", "form.name is required.")]
    [InlineData("name", "   ", "invalid", "form.name is required.")]
    [InlineData("email", "rosa@", "invalid", "form.email is not a valid address")]
    [InlineData("seats", "12 seats", "invalid", "form.seats must be a number")]
    [InlineData("seats", "NaN", "invalid", "form.seats must be a number")]
    [InlineData("billing", "Rosa <r@example.com>", "invalid", "form.billing is not a valid address")]
    [InlineData("plan", "pro", "invalid", "form.plan must be one of: Starter, Pro.")]
    [InlineData("plan", null, "invalid", "form.plan is required.")]
    [InlineData("consent", "false", "invalid", "form.consent must be given")]
    [InlineData("consent", "yes", "invalid", "form.consent is \"true\"")]
    [InlineData("colour", "blue", "invalid", "form.colour is not a question")]
    public void A_bad_answer_is_refused_naming_its_field(string key, string? value, string code, string message)
    {
        var answers = Good();
        if (value is null) answers.Remove(key);
        else answers[key] = value;
        var refused = Assert.Throws<EngagementException>(() => PreChatAnswers.Check(Form, answers, T0));
        Assert.Equal(code, refused.Code);
        Assert.StartsWith(message, refused.Message);
    }

    [Fact]
    public void Long_answers_are_too_large_and_a_queue_without_a_form_takes_none()
    {
        var answers = Good();
        answers["name"] = new string('n', Limits.Name + 1);
        Assert.Equal(ErrorCodes.TooLarge, Assert.Throws<EngagementException>(() => PreChatAnswers.Check(Form, answers, T0)).Code);
        Assert.Empty(PreChatAnswers.Check(null, null, T0));
        Assert.Empty(PreChatAnswers.Check(null, new Dictionary<string, string?>(), T0));
        Assert.Equal(ErrorCodes.Invalid, Assert.Throws<EngagementException>(() => PreChatAnswers.Check(null, new Dictionary<string, string?> { ["name"] = "Rosa" }, T0)).Code);
        // Optional consent not given: nothing recorded.
        var optional = Form with { Consent = new PreChatConsent("Keep me posted.", Required: false) };
        var without = Good();
        without["consent"] = "false";
        Assert.False(PreChatAnswers.Check(optional, without, T0).ContainsKey("consent"));
    }
}
