namespace Engagement.Media;

public enum MediaKind
{
    Audio,
    Video,
}
