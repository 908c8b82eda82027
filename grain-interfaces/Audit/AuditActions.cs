namespace Engagement.Audit;

/// <summary>The names of audited actions ("kind.verb"), as stored in engagement.audit_log and listed in docs/protocol.md.</summary>
public static class AuditActions
{
    public const string AgentCreate = "agent.create";
    public const string AgentUpdate = "agent.update";
    public const string QueueCreate = "queue.create";
    public const string QueueConfigure = "queue.configure";
    public const string CannedCreate = "canned_response.create";
    public const string CannedUpdate = "canned_response.update";
    public const string CannedDelete = "canned_response.delete";
    public const string RulesReplace = "rules.replace";
    public const string WidgetConfigure = "widget.configure";
    public const string ChannelCreate = "channel.create";
    public const string ChannelRotateToken = "channel.rotate_token";
    public const string ChannelDelete = "channel.delete";
    public const string WebhookCreate = "webhook.create";
    public const string WebhookUpdate = "webhook.update";
    public const string WebhookDelete = "webhook.delete";
    public const string WebhookRotateSecret = "webhook.rotate_secret";
    public const string WebhookPing = "webhook.ping";
    public const string WebhookReplay = "webhook.replay";
    public const string ContactErase = "contact.erase";
    public const string NodeDrain = "node.drain";
    public const string SessionMonitor = "session.monitor";
    public const string SessionWhisper = "session.whisper";
    public const string SessionBarge = "session.barge";
    public const string SessionStopSupervising = "session.stop_supervising";
}
