using System.Text.Json;
using Engagement.Api.Hosting;

namespace Engagement.UnitTests.Api;

public class JsonSetupTests
{
    private static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions();
        JsonSetup.Apply(options);
        return options;
    }

    [Fact]
    public void Records_are_written_in_camel_case_with_enums_as_strings()
    {
        var notice = new TypingNotice("s_1", "a_1", ParticipantRole.Agent, true);

        Assert.Equal("""{"sessionId":"s_1","participantId":"a_1","role":"agent","isTyping":true}""",
            JsonSerializer.Serialize(notice, Options));
    }

    [Fact]
    public void Multi_word_enum_values_are_camel_case()
    {
        Assert.Equal("\"wrapUp\"", JsonSerializer.Serialize(SessionStatus.WrapUp, Options));
    }

    [Theory]
    [InlineData("\"away\"")]
    [InlineData("\"Away\"")]
    public void Enums_are_read_in_any_case(string json)
    {
        Assert.Equal(AgentChosenStatus.Away, JsonSerializer.Deserialize<AgentChosenStatus>(json, Options));
    }

    [Fact]
    public void A_start_session_request_reads_with_defaults()
    {
        var request = JsonSerializer.Deserialize<StartSessionRequest>("""{"queueId":"support","topic":"billing"}""", Options)!;

        Assert.Equal("support", request.QueueId);
        Assert.Equal("billing", request.Topic);
        Assert.Equal("web", request.Channel);
        Assert.Null(request.RequiredSkills);
    }

    [Fact]
    public void Attribute_keys_are_kept_as_sent()
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, string> { ["PlanName"] = "pro" }, Options);

        Assert.Equal("""{"PlanName":"pro"}""", json);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"1\"")]
    [InlineData("\"sleeping\"")]
    [InlineData("\"busy\"")]
    public void Enums_are_read_from_names_only(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<AgentChosenStatus>(json, Options));
    }
}
