using Engagement.Api.Validation;

namespace Engagement.UnitTests.Api;

public class InputRulesTests
{
    [Theory]
    [InlineData("s_abc-DEF_123")]
    [InlineData("a")]
    public void Valid_ids_pass_unchanged(string id) => Assert.Equal(id, InputRules.Id(id, "sessionId"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("sess:prefixed")]
    [InlineData("é")]
    public void Invalid_ids_are_refused_naming_the_field(string? id)
    {
        var error = Assert.Throws<InputException>(() => InputRules.Id(id, "sessionId"));
        Assert.Equal("sessionId", error.Field);
        Assert.Contains("sessionId", error.Message);
    }

    [Fact]
    public void Ids_longer_than_64_are_refused()
    {
        Assert.Equal(new string('x', 64), InputRules.Id(new string('x', 64), "id"));
        Assert.Throws<InputException>(() => InputRules.Id(new string('x', 65), "id"));
    }

    [Fact]
    public void Message_text_is_trimmed()
    {
        Assert.Equal("hello", InputRules.MessageText("  hello \n"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t\n ")]
    public void Empty_message_text_is_refused(string? text)
    {
        Assert.Contains("empty", Assert.Throws<InputException>(() => InputRules.MessageText(text)).Message);
    }

    [Fact]
    public void Message_text_is_limited_to_4000_characters_after_trimming()
    {
        Assert.Equal(4000, InputRules.MessageText("  " + new string('a', 4000) + "  ").Length);
        Assert.Contains("4000", Assert.Throws<InputException>(() => InputRules.MessageText(new string('a', 4001))).Message);
    }

    [Fact]
    public void Client_message_ids_are_optional_and_limited()
    {
        Assert.Null(InputRules.ClientMessageId(null));
        Assert.Equal("3f2a-uuid", InputRules.ClientMessageId("3f2a-uuid"));
        Assert.Equal(new string('c', 64), InputRules.ClientMessageId(new string('c', 64)));
        Assert.Throws<InputException>(() => InputRules.ClientMessageId(""));
        Assert.Throws<InputException>(() => InputRules.ClientMessageId(new string('c', 65)));
        Assert.Throws<InputException>(() => InputRules.ClientMessageId("a\u0000b"));
    }

    [Fact]
    public void Attributes_within_limits_pass()
    {
        var attributes = Enumerable.Range(0, 50).ToDictionary(i => $"key{i}", i => (string?)new string('v', 1000));

        Assert.Equal(50, InputRules.Attributes(attributes).Count);
        Assert.Empty(InputRules.Attributes(null));
    }

    [Fact]
    public void More_than_50_attributes_are_refused()
    {
        var attributes = Enumerable.Range(0, 51).ToDictionary(i => $"key{i}", _ => (string?)"v");

        Assert.Contains("50", Assert.Throws<InputException>(() => InputRules.Attributes(attributes)).Message);
    }

    [Theory]
    [InlineData("", "v")]
    [InlineData("k\u0001", "v")]
    [InlineData(null, null)]
    public void Bad_attribute_keys_and_null_values_are_refused(string? key, string? value)
    {
        var attributes = new Dictionary<string, string?> { [key ?? "ok"] = value };

        Assert.Throws<InputException>(() => InputRules.Attributes(attributes));
    }

    [Fact]
    public void Attribute_keys_over_64_and_values_over_1000_are_refused()
    {
        Assert.Throws<InputException>(() => InputRules.Attributes(new Dictionary<string, string?> { [new string('k', 65)] = "v" }));
        Assert.Throws<InputException>(() => InputRules.Attributes(new Dictionary<string, string?> { ["k"] = new string('v', 1001) }));
    }

    [Fact]
    public void Transcript_paging_arguments_are_bounded()
    {
        Assert.Equal(0, InputRules.AfterSeq(0));
        Assert.Throws<InputException>(() => InputRules.AfterSeq(-1));
        Assert.Equal(1, InputRules.Limit(1));
        Assert.Equal(200, InputRules.Limit(200));
        Assert.Throws<InputException>(() => InputRules.Limit(0));
        Assert.Throws<InputException>(() => InputRules.Limit(201));
    }

    [Fact]
    public void Optional_text_is_trimmed_blank_becomes_null_and_length_is_checked()
    {
        Assert.Null(InputRules.OptionalText("   ", 10, "title"));
        Assert.Equal("Pricing", InputRules.OptionalText(" Pricing ", 10, "title"));
        Assert.Throws<InputException>(() => InputRules.OptionalText(new string('t', 11), 10, "title"));
        Assert.Throws<InputException>(() => InputRules.RequiredText(null, 10, "name"));
    }

    [Fact]
    public void Id_lists_are_checked_deduplicated_and_bounded()
    {
        Assert.Equal(["sales", "support"], InputRules.IdList(["sales", "support", "sales"], 5, "skills"));
        Assert.Empty(InputRules.IdList(null, 5, "skills"));
        Assert.Throws<InputException>(() => InputRules.IdList(["bad skill"], 5, "skills"));
        Assert.Throws<InputException>(() => InputRules.IdList(["a", "b", "c"], 2, "skills"));
    }

    [Fact]
    public void Generated_ids_are_unique_prefixed_and_pass_the_id_rule()
    {
        var visitor = PublicIds.NewVisitorId();
        var session = PublicIds.NewSessionId();

        Assert.StartsWith("v_", visitor);
        Assert.StartsWith("s_", session);
        Assert.StartsWith("a_", PublicIds.NewAgentId());
        Assert.Equal(visitor, InputRules.Id(visitor, "id"));
        Assert.Equal(session, InputRules.Id(session, "id"));
        Assert.NotEqual(visitor[2..], PublicIds.NewVisitorId()[2..]);
        Assert.True(PublicIds.IsAnonymousVisitor(visitor));
        Assert.False(PublicIds.IsAnonymousVisitor("cust-42"));
    }
}
