using System.Text.Json.Nodes;

namespace Engagement.Audit;

/// <summary>
/// The durable record of what staff changed or did with special rights: admin actions (recorded by the API's
/// audit middleware for every admin route that changes something) and, through the same interface, supervision
/// actions. grains/Audit implements it on PostgreSQL (engagement.audit_log); GET /api/audit reads it.
/// </summary>
public interface IAuditLog
{
    /// <summary>Stores one entry, stamped with the current time. Call it after the action succeeded.</summary>
    Task RecordAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>Entries matching the query, newest first.</summary>
    Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken = default);
}

/// <summary>What happened, by whom, to what.</summary>
/// <param name="ActorRole">The role the actor acted in ("admin", "supervisor", …).</param>
/// <param name="Action">What was done, "kind.verb" (<see cref="AuditActions"/>).</param>
/// <param name="TargetKind">What it was done to: "queue", "agent", "contact", …</param>
/// <param name="TargetId">Which one; null when the action concerns the whole kind (the proactive rules).</param>
/// <param name="Summary">A small description of the change: field names and harmless values, never secrets or passwords.</param>
public sealed record AuditRecord(
    string ActorId, string ActorRole, string Action, string TargetKind, string? TargetId, JsonObject Summary);

/// <summary>One stored entry; <paramref name="Id"/> grows with every entry.</summary>
public sealed record AuditEntry(
    long Id, DateTimeOffset At, string ActorId, string ActorRole, string Action, string TargetKind, string? TargetId, JsonObject Summary);

/// <summary>A filter over the log, newest first.</summary>
/// <param name="From">Entries at or after this time.</param>
/// <param name="To">Entries before this time.</param>
/// <param name="Action">An exact action ("queue.configure"), or a kind's prefix ending with a dot ("queue.").</param>
/// <param name="Before">Paging: only entries with a smaller id (the previous page's <see cref="AuditPage.Next"/>).</param>
public sealed record AuditQuery(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? ActorId = null,
    string? Action = null,
    long? Before = null,
    int Limit = Limits.AuditPageDefault);

/// <summary>A page of entries; <paramref name="Next"/> is the <c>before</c> of the next page, null on the last.</summary>
public sealed record AuditPage(AuditEntry[] Entries, long? Next);
