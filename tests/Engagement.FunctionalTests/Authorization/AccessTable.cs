namespace Engagement.FunctionalTests.Authorization;

/// <summary>Who may call a route or hub method.</summary>
internal enum Access
{
    /// <summary>No token needed (sign-in, a new visitor).</summary>
    Anyone,
    /// <summary>Only with an API channel's own token header: bearer tokens of any role get 401 (for a channel that exists).</summary>
    ChannelToken,
    /// <summary>Any valid token but an operator's; the grains decide what the caller may see.</summary>
    AnyToken,
    Visitor,
    /// <summary>Agents, supervisors and admins.</summary>
    Staff,
    /// <summary>Supervisors and admins.</summary>
    Supervisor,
    Admin,
    /// <summary>Who runs the cluster: operators and admins (Policies.Operator).</summary>
    Operator,
}

/// <summary>
/// The authorization matrix's expectations: every REST route and hub method with who may call it. The test fails
/// for a route or method missing here, so a new one is classified on purpose, not by accident.
/// </summary>
internal static class AccessTable
{
    public static readonly Dictionary<string, Access> Routes = new()
    {
        ["POST /api/visitors"] = Access.Anyone,
        ["POST /api/visitors/identify"] = Access.Visitor,
        ["POST /api/visitors/refresh"] = Access.Visitor,
        ["POST /api/auth/login"] = Access.Anyone,

        ["POST /api/agents"] = Access.Admin,
        ["GET /api/agents"] = Access.Admin,
        ["GET /api/agents/{agentId}"] = Access.Admin,
        ["PUT /api/agents/{agentId}"] = Access.Admin,

        ["POST /api/queues"] = Access.Admin,
        ["PUT /api/queues/{queueId}"] = Access.Admin,
        ["GET /api/queues"] = Access.Supervisor,
        ["GET /api/queues/{queueId}"] = Access.Supervisor,
        ["GET /api/queues/{queueId}/form"] = Access.AnyToken,

        ["GET /api/sessions/{sessionId}"] = Access.AnyToken,
        ["GET /api/sessions/{sessionId}/transcript"] = Access.AnyToken,
        ["GET /api/sessions/{sessionId}/notes"] = Access.Staff,
        ["POST /api/sessions/{sessionId}/notes"] = Access.Staff,
        ["POST /api/sessions/{sessionId}/rating"] = Access.Visitor,
        ["POST /api/sessions/{sessionId}/whip"] = Access.AnyToken,
        ["POST /api/sessions/{sessionId}/whep"] = Access.AnyToken,
        ["DELETE /api/sessions/{sessionId}/whip/{resourceId}"] = Access.AnyToken,
        ["DELETE /api/sessions/{sessionId}/whep/{resourceId}"] = Access.AnyToken,
        ["PATCH /api/sessions/{sessionId}/whip/{resourceId}"] = Access.AnyToken,
        ["PATCH /api/sessions/{sessionId}/whep/{resourceId}"] = Access.AnyToken,

        // Admins, or a back end holding an ingestion key (not a staff role).
        ["POST /api/context/{customerId}/signals"] = Access.Admin,
        ["GET /api/rules"] = Access.Supervisor,
        ["PUT /api/rules"] = Access.Admin,

        ["GET /api/directory"] = Access.AnyToken,
        ["GET /api/dashboard"] = Access.Supervisor,
        ["GET /api/canned-responses"] = Access.Staff,
        ["POST /api/canned-responses"] = Access.Admin,
        ["PUT /api/canned-responses/{id}"] = Access.Admin,
        ["DELETE /api/canned-responses/{id}"] = Access.Admin,
        ["GET /api/widget/settings"] = Access.Anyone,
        ["PUT /api/widget/settings"] = Access.Admin,
        ["GET /api/customers/{customerId}/history"] = Access.Supervisor,

        ["GET /api/conversations"] = Access.Staff,
        ["GET /api/conversations/{conversationId}"] = Access.Staff,
        ["POST /api/conversations/{conversationId}/messages"] = Access.Staff,
        ["POST /api/conversations/{conversationId}/status"] = Access.Staff,
        ["POST /api/conversations/{conversationId}/assignee"] = Access.Staff,
        ["PUT /api/conversations/{conversationId}/labels"] = Access.Staff,
        ["GET /api/conversations/{conversationId}/notes"] = Access.Staff,
        ["POST /api/conversations/{conversationId}/notes"] = Access.Staff,
        ["GET /api/conversations/{conversationId}/export"] = Access.Staff,
        ["GET /api/search"] = Access.Staff,
        ["GET /api/inbox/counts"] = Access.Staff,

        ["GET /api/contacts"] = Access.Staff,
        ["GET /api/contacts/{contactId}"] = Access.Staff,
        ["POST /api/contacts/{contactId}/merge"] = Access.Staff,
        ["DELETE /api/contacts/{customerId}"] = Access.Admin,

        ["GET /api/channels"] = Access.Admin,
        ["POST /api/channels"] = Access.Admin,
        ["POST /api/channels/{channelId}/token"] = Access.Admin,
        ["DELETE /api/channels/{channelId}"] = Access.Admin,
        ["POST /api/channels/{channelId}/conversations"] = Access.ChannelToken,
        ["POST /api/channels/{channelId}/conversations/{conversationId}/messages"] = Access.ChannelToken,
        ["GET /api/channels/{channelId}/conversations/{conversationId}"] = Access.ChannelToken,
        ["POST /api/channels/{channelId}/conversations/{conversationId}/attachments"] = Access.ChannelToken,
        ["GET /api/channels/{channelId}/attachments/{attachmentId}"] = Access.ChannelToken,

        ["POST /api/attachments"] = Access.AnyToken,
        ["GET /api/attachments/{attachmentId}"] = Access.AnyToken,

        ["GET /api/webhooks/event-types"] = Access.Admin,
        ["GET /api/webhooks"] = Access.Admin,
        ["POST /api/webhooks"] = Access.Admin,
        ["GET /api/webhooks/{id}"] = Access.Admin,
        ["PUT /api/webhooks/{id}"] = Access.Admin,
        ["DELETE /api/webhooks/{id}"] = Access.Admin,
        ["POST /api/webhooks/{id}/secret"] = Access.Admin,
        ["POST /api/webhooks/{id}/ping"] = Access.Admin,
        ["GET /api/webhooks/{id}/deliveries"] = Access.Admin,
        ["GET /api/webhooks/{id}/deliveries/{deliveryId}"] = Access.Admin,
        ["POST /api/webhooks/{id}/deliveries/{deliveryId}/replay"] = Access.Admin,

        ["GET /api/audit"] = Access.Admin,
        ["GET /api/reports/summary"] = Access.Supervisor,
        ["GET /api/reports/series"] = Access.Supervisor,
        ["POST /api/admin/drain"] = Access.Operator,
        ["GET /api/cluster"] = Access.Operator,
        // 404 for the matrix's made-up silo: let through, not refused.
        ["POST /api/cluster/silos/{silo}/drain"] = Access.Operator,
        // 404 while the dashboard is off (as on the matrix's node): let through, not refused.
        ["POST /api/orleans-dashboard/session"] = Access.Operator,
    };

    /// <summary>Agent hub methods (the hub itself takes staff only); the visitor hub's are all <see cref="Access.Visitor"/>.</summary>
    public static readonly Dictionary<string, Access> AgentHubMethods = new()
    {
        ["SetStatus"] = Access.Staff,
        ["SetAway"] = Access.Staff,
        ["WatchQueues"] = Access.Staff,
        ["UnwatchQueues"] = Access.Staff,
        ["PickSession"] = Access.Staff,
        ["TransferSession"] = Access.Staff,
        ["CancelTransfer"] = Access.Staff,
        ["InviteToSession"] = Access.Staff,
        ["CancelInvite"] = Access.Staff,
        ["LeaveSession"] = Access.Staff,
        ["GetStatus"] = Access.Staff,
        ["AcceptOffer"] = Access.Staff,
        ["DeclineOffer"] = Access.Staff,
        ["WrapUp"] = Access.Staff,
        ["CloseSession"] = Access.Staff,
        ["JoinSession"] = Access.Staff,
        ["SendMessage"] = Access.Staff,
        ["SendAttachments"] = Access.Staff,
        ["GetTranscript"] = Access.Staff,
        ["Typing"] = Access.Staff,
        ["MarkRead"] = Access.Staff,
        ["StartCall"] = Access.Staff,
        ["AnswerCall"] = Access.Staff,
        ["CallOffer"] = Access.Staff,
        ["UpdateCallMedia"] = Access.Staff,
        ["HangUp"] = Access.Staff,
        ["GetCall"] = Access.Staff,
        ["GetCustomerContext"] = Access.Staff,
        ["InviteVisitor"] = Access.Staff,
        ["WatchSiteVisitors"] = Access.Staff,
        ["UnwatchSiteVisitors"] = Access.Staff,
        ["WatchInbox"] = Access.Staff,
        ["UnwatchInbox"] = Access.Staff,
        ["AddNote"] = Access.Staff,
        ["GetNotes"] = Access.Staff,
        ["GetCannedResponses"] = Access.Staff,
        ["GetCustomerHistory"] = Access.Staff,
        ["WatchDashboard"] = Access.Supervisor,
        ["UnwatchDashboard"] = Access.Staff,
        ["Monitor"] = Access.Supervisor,
        ["Whisper"] = Access.Supervisor,
        ["Barge"] = Access.Supervisor,
        ["StopSupervising"] = Access.Supervisor,
        ["WhisperAudio"] = Access.Supervisor,
        ["WatchSla"] = Access.Supervisor,
    };
}
