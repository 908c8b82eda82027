namespace Engagement;

/// <summary>
/// The supervisors' live list of SLA clocks at risk or in breach, and the breaches per queue today. Sessions report
/// one-way as their clocks change; the board pushes <see cref="SlaBoard"/> to the dashboard's watchers.
/// Key: <see cref="GrainKeys.SlaBoard"/>.
/// </summary>
[Alias("engagement.ISlaBoardGrain")]
public interface ISlaBoardGrain : IGrainWithStringKey
{
    /// <summary>A clock turned at risk or was breached (a breach counts once per clock: same session, kind and due time).</summary>
    [OneWay, Alias("alert")]
    Task Alert(SlaAlert alert);

    /// <summary>The session's clock of <paramref name="kind"/> stopped (met late or in time, or the session ended).</summary>
    [OneWay, Alias("cleared")]
    Task Cleared(string sessionId, SlaKind kind);

    [Alias("get"), ReadOnly]
    Task<SlaBoard> GetBoard();
}
