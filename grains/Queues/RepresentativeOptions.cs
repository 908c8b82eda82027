namespace Engagement.Queues;

/// <summary>How long a visitor waits for a representative they chose, bound from "Engagement:Routing".</summary>
public sealed class RepresentativeOptions
{
    public const string Section = "Engagement:Routing";

    /// <summary>
    /// A session waiting for a chosen representative who went offline or away is handed to the queue's other
    /// agents once the representative has stayed unavailable this long. Zero hands it over at once.
    /// </summary>
    public TimeSpan ChosenRepresentativeWait { get; set; } = TimeSpan.FromSeconds(60);
}
