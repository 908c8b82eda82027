namespace Engagement.Api.Validation;

/// <summary>Size limits on client input (documented in docs/protocol.md).</summary>
public static class InputLimits
{
    public const int MessageTextMax = 4_000;
    public const int IdMax = Ids.MaxLength;
    public const int ClientMessageIdMax = 64;
    public const int AttributeCountMax = 50;
    public const int AttributeKeyMax = 64;
    public const int AttributeValueMax = 1_000;
    public const int PageMax = 2_048;
    public const int TitleMax = 512;
    public const int TopicMax = 200;
    public const int OutcomeMax = 64;
    public const int SkillsMax = 20;
    public const int QueuesMax = 50;
    public const int DisplayNameMax = 100;
    public const int EmailMax = 254;
    public const int UrlMax = 2_048;
    public const int PasswordMin = 8;
    public const int PasswordMax = 128;
    public const int CapacityMin = 1;
    public const int CapacityMax = 50;
    public const int TranscriptPageMax = 200;
    public const int TranscriptPageDefault = 50;
    /// <summary>An SDP offer or answer (a browser's audio+video offer is 5–15 KB).</summary>
    public const int SdpMax = 64 * 1024;

    /// <summary>Largest SignalR message a client may send (an SDP offer of up to 64 KB fits).</summary>
    public const int HubMessageBytesMax = 96 * 1024;
}
