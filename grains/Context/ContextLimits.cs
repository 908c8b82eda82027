namespace Engagement.Context;

/// <summary>How much live context a customer keeps; older entries make room for new ones.</summary>
public static class ContextLimits
{
    public const int PageTrail = 20;
    public const int RecentEvents = 20;
    public const int Devices = 50;
    public const int Facts = 100;
    public const int Interactions = 200;
    /// <summary>Sessions looked up for the history (newest first).</summary>
    public const int HistorySessions = 50;
    public const int HistoryEntries = 100;
}
