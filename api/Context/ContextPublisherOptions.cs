namespace Engagement.Api.Context;

/// <summary>How <see cref="ContextPublisher"/> delivers. Bound from "Engagement:Context" (the grains' context options share the section).</summary>
public sealed class ContextPublisherOptions : ISettings<ContextPublisherOptions>
{
    public const string Section = "Engagement:Context";

    /// <summary>
    /// Also hand each batch straight to the customer grain (one-way) while it is being stored, so the agent's screen
    /// does not wait for the stream's commit and poll. The stream still delivers it, durably, and the grain ignores
    /// what it has already applied. Off: the stream alone (every signal waits for the database twice).
    /// </summary>
    public bool DirectDelivery { get; set; } = true;

    static string ISettings<ContextPublisherOptions>.Section => Section;

    public void Check(SettingsCheck check) { } // a bool: the binder refuses anything else
}
