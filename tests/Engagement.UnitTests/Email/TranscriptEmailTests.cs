using Engagement.Email;

namespace Engagement.UnitTests.Email;

public class TranscriptEmailTests
{
    private static readonly DateTimeOffset At = new(2025, 2, 3, 9, 58, 0, TimeSpan.Zero);

    private static ChatMessage Line(long seq, ParticipantRole role, string name, string text, MessageKind kind = MessageKind.Text) =>
        new("s1", seq, kind, role == ParticipantRole.Agent ? "alice" : "v_1", role, name, text, At.AddMinutes(seq), null);

    [Fact]
    public void Every_line_is_there_with_time_and_sender_and_the_html_is_encoded()
    {
        var content = TranscriptEmail.Build(
        [
            Line(1, ParticipantRole.System, "System", "Alice joined the conversation", MessageKind.Event),
            Line(2, ParticipantRole.Agent, "Alice", "Hi! How can I help?"),
            Line(3, ParticipantRole.Visitor, "", "Is <b>this</b> safe?\nSecond line"),
        ], new TranscriptNames("Lumina Support", "Jane"));

        Assert.Equal("Your conversation with Lumina Support on 3 February 2025", content.Subject);
        Assert.Contains("Hello Jane,", content.Text);
        Assert.Contains("(times in UTC)", content.Text);
        Assert.Contains("[09:59] — Alice joined the conversation —\n", content.Text);
        Assert.Contains("[10:00] Alice: Hi! How can I help?\n", content.Text);
        Assert.Contains("[10:01] Jane: Is <b>this</b> safe?\n        Second line\n", content.Text);
        Assert.Contains("Is &lt;b&gt;this&lt;/b&gt; safe?<br>Second line", content.Html);
        Assert.DoesNotContain("<b>this</b>", content.Html);
    }

    [Fact]
    public void Files_are_named_under_their_message_and_a_message_of_files_alone_is_there_too()
    {
        var files = Line(2, ParticipantRole.Visitor, "", "") with { Attachments = [new AttachmentView("f_1", "photo <1>.png", "image/png", 12_345)] };
        var content = TranscriptEmail.Build([Line(1, ParticipantRole.Agent, "Alice", "Send me a photo"), files], new TranscriptNames("Lumina", "Jane"));

        Assert.Contains("[09:59] Alice: Send me a photo\n", content.Text);
        Assert.Contains("[10:00] Jane: 📎 photo <1>.png (image/png, 12,345 bytes)\n", content.Text);
        Assert.Contains("photo &lt;1&gt;.png (image/png, 12,345 bytes)", content.Html);
    }

    [Fact]
    public void Times_are_shown_in_the_given_zone()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("Plus2", TimeSpan.FromHours(2), "Plus2", "Plus2");
        var content = TranscriptEmail.Build([Line(1, ParticipantRole.Agent, "Alice", "Hi")], new TranscriptNames("Lumina", "", zone));
        Assert.Contains("[11:59] Alice: Hi", content.Text);
        Assert.StartsWith("Hello,", content.Text);
    }

    [Fact]
    public void An_empty_conversation_still_gives_a_mail()
    {
        var content = TranscriptEmail.Build([], new TranscriptNames("Lumina", "Jane"));
        Assert.Equal("Your conversation transcript with Lumina", content.Subject);
        Assert.Contains("it has no messages", content.Text);
    }
}
