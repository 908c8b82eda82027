namespace Engagement;

/// <summary>
/// The connection router of the silo a grain is activated on, reached in-process. A grain pushing to a
/// connection held by its own silo calls it directly instead of sending an Orleans message to the router's
/// observer reference: the effect is the same (the router only starts SignalR sends and never throws), and
/// the chat path saves a message per push. Registered by the API layer on silos that host the hubs; without
/// it grains always go through the observer.
/// </summary>
public interface ILocalConnectionRouter
{
    /// <summary>The silo whose connections this router reaches.</summary>
    SiloAddress Silo { get; }

    /// <summary>The router object itself (not an Orleans reference to it).</summary>
    IConnectionRouter Router { get; }
}
