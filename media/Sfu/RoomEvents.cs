using Microsoft.Extensions.Logging;

namespace Engagement.Media.Sfu;

/// <summary>
/// A room's <see cref="IMediaRoom.Changed"/> event. The room raises it after releasing its lock; each handler is
/// called on its own, so one host handler failing (the host's bug: logged as a warning and counted) neither breaks
/// the room nor keeps the other handlers from the event.
/// </summary>
internal sealed class RoomEvents(SfuEngine engine, string roomId)
{
    public event EventHandler<MediaRoomEvent>? Changed;

    public void Raise(IMediaRoom room, IEnumerable<MediaRoomEvent> events)
    {
        if (Changed is not { } changed) return;
        var handlers = changed.GetInvocationList();
        foreach (var e in events)
        {
            foreach (var handler in handlers)
            {
                try
                {
                    ((EventHandler<MediaRoomEvent>)handler)(room, e);
                }
                catch (Exception ex)
                {
                    engine.Metrics.InternalError("room_event_handler");
                    SfuLog.EventHandlerFailed(engine.Logger, roomId, e.GetType().Name, ex);
                }
            }
        }
    }
}
