namespace Engagement;

/// <summary>
/// A queue's service-level agreement on its chats, as help desks set one: how soon the first reply, each next reply and
/// the resolution are due (docs/protocol.md, "SLA policy"). Each target is optional; a priority band changes them for
/// sessions of at least its priority. The clocks run in the session (its <c>sla</c>), which reports a breach to
/// supervisors, to webhooks (<c>session.sla_breached</c>) and to the reports.
/// </summary>
/// <param name="FirstResponse">From the session's queueing to the assigned agent's first message.</param>
/// <param name="NextResponse">From the visitor's oldest unanswered message (after the first reply) to the agent's next message.</param>
/// <param name="Resolution">From the session's queueing to its end (wrap-up, close or the visitor leaving).</param>
/// <param name="BusinessHoursOnly">The clocks count only while the queue's business hours are open; needs <see cref="QueueDefinition.Hours"/>.</param>
/// <param name="Bands">Targets for sessions whose priority is at least a band's <see cref="SlaBand.MinPriority"/>: the highest band reached applies, and a target it leaves out is the policy's.</param>
[GenerateSerializer, Immutable, Alias("engagement.sla-policy")]
public sealed record SlaPolicy(
    [property: Id(0)] TimeSpan? FirstResponse = null,
    [property: Id(1)] TimeSpan? NextResponse = null,
    [property: Id(2)] TimeSpan? Resolution = null,
    [property: Id(3)] bool BusinessHoursOnly = false,
    [property: Id(4)] SlaBand[]? Bands = null)
{
    /// <summary>The shortest target: one second, so tests (and demos) see a breach at once; a real policy sets minutes.</summary>
    public static readonly TimeSpan MinTarget = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxTarget = TimeSpan.FromDays(30);

    /// <summary>The share of a target that remains when a clock turns "at risk" (a quarter, in the workspace and the dashboard).</summary>
    public const double AtRiskRemaining = 0.25;
}

/// <summary>The targets for sessions of priority <see cref="MinPriority"/> or more (0 to <see cref="Limits.Priority"/>).</summary>
[GenerateSerializer, Immutable, Alias("engagement.sla-band")]
public sealed record SlaBand(
    [property: Id(0)] int MinPriority,
    [property: Id(1)] TimeSpan? FirstResponse = null,
    [property: Id(2)] TimeSpan? NextResponse = null,
    [property: Id(3)] TimeSpan? Resolution = null);

/// <summary>What an SLA clock measures.</summary>
public enum SlaKind
{
    FirstResponse = 0,
    NextResponse = 1,
    Resolution = 2,
}

/// <summary>The targets one session is held to: its queue's policy, with the band of its priority applied.</summary>
[GenerateSerializer, Immutable, Alias("engagement.sla-targets")]
public sealed record SlaTargets(
    [property: Id(0)] TimeSpan? FirstResponse,
    [property: Id(1)] TimeSpan? NextResponse,
    [property: Id(2)] TimeSpan? Resolution)
{
    public TimeSpan? Of(SlaKind kind) => kind switch
    {
        SlaKind.FirstResponse => FirstResponse,
        SlaKind.NextResponse => NextResponse,
        _ => Resolution,
    };
}
