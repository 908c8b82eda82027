namespace Engagement.Queues;

/// <summary>Timings of routing, bound from "Engagement:Routing".</summary>
public sealed class RoutingOptions : ISettings<RoutingOptions>
{
    public const string Section = "Engagement:Routing";

    /// <summary>
    /// A session waiting for a chosen representative who went offline or away is handed to the queue's other
    /// agents once the representative has stayed unavailable this long. Zero hands it over at once.
    /// </summary>
    public TimeSpan ChosenRepresentativeWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// An agent who declined a session's offer or let it time out is passed over for that session this long,
    /// so the next agent gets a chance; after it the same agent may be offered the same session again.
    /// </summary>
    public TimeSpan OfferAgainAfter { get; set; } = TimeSpan.FromSeconds(30);

    static string ISettings<RoutingOptions>.Section => Section;

    public void Check(SettingsCheck check) => check
        .Positive(nameof(ChosenRepresentativeWait), ChosenRepresentativeWait)
        .NotNegative(nameof(OfferAgainAfter), OfferAgainAfter);
}
