namespace Engagement.Media.Sdp;

/// <summary>The direction attribute of a media section (RFC 8866 §6.7), as flags from the SDP writer's side.</summary>
[Flags]
internal enum MediaDirection
{
    Inactive = 0,
    Send = 1,
    Receive = 2,
    SendReceive = Send | Receive,
}

internal static class MediaDirectionText
{
    public static string ToSdp(this MediaDirection d) => d switch
    {
        MediaDirection.SendReceive => "sendrecv",
        MediaDirection.Send => "sendonly",
        MediaDirection.Receive => "recvonly",
        _ => "inactive",
    };

    public static MediaDirection? Parse(string attribute) => attribute switch
    {
        "sendrecv" => MediaDirection.SendReceive,
        "sendonly" => MediaDirection.Send,
        "recvonly" => MediaDirection.Receive,
        "inactive" => MediaDirection.Inactive,
        _ => null,
    };
}
