using System.Net;

namespace Engagement.Media;

/// <summary>
/// A node's media plane: rooms of WebRTC participants served on one UDP port. This is the whole
/// surface the rest of Engagement uses, so an engine built on another WebRTC library can replace it.
/// </summary>
public interface IMediaEngine : IDisposable
{
    /// <summary>The bound UDP endpoint (the port is known here when 0 was asked for).</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>Creates a room, or returns the existing one with that id.</summary>
    IMediaRoom CreateRoom(string roomId);

    IMediaRoom? GetRoom(string roomId);

    /// <summary>Closes a room: every participant leaves. False if there was no such room.</summary>
    bool CloseRoom(string roomId);

    MediaEngineStats GetStats();
}
