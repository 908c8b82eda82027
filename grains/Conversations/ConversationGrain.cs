using Engagement.Storage;
using Engagement.Webhooks;
using Microsoft.Extensions.Logging;

namespace Engagement.Conversations;

/// <summary>
/// One lasting conversation with a contact (docs/protocol.md, Conversations). Its own messages go through the
/// transcript store under the conversation's id; its live chat sessions keep theirs and are read back as episodes
/// (ConversationGrain.Episodes.cs). Every change is written, then indexed for the inbox and pushed live
/// (<see cref="ConversationFanout"/>). Not reentrant: a conversation sees a few messages a minute, and one turn
/// at a time keeps its seqs and status simple.
/// </summary>
[GrainType("conversation")]
internal sealed partial class ConversationGrain(
    [PersistentState("conversation", "store")] IPersistentState<ConversationState> state,
    ITranscriptStore transcript,
    ConversationFanout fanout,
    IWebhookOutbox webhooks,
    ConversationMail mail,
    ILogger<ConversationGrain> logger,
    TimeProvider clock) : Grain, IConversationGrain, IRemindable
{
    private const string SnoozeReminder = "snooze";
    private const int ExportPage = 1_000;
    private readonly Dictionary<string, (string[] Queues, DateTimeOffset At)> _agentQueues = new(StringComparer.Ordinal);

    private ConversationState S => state.State;
    private string Id => GrainKeys.IdOf(this.GetPrimaryKeyString());
    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// A silo may have died between a message's append and the state's write, or between the write and the index: the
    /// transcript's tail tells the last seq and the recent client message ids, and the index is brought up to date.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!S.Exists) return;
        foreach (var m in await transcript.ReadTailAsync(Id, ConversationRules.RememberedClientIds, cancellationToken))
        {
            S.LastSeq = Math.Max(S.LastSeq, m.Seq);
            if (m.ClientMessageId is { } clientMessageId) S.ClientMessageSeqs.TryAdd(ClientKey(m.SenderId, clientMessageId), m.Seq);
        }
        await fanout.IndexAsync(View());
        await PublishPendingWebhooksAsync();
    }

    public async Task<ConversationView> Create(NewConversation request)
    {
        if (S.Exists)
            return S.ContactId == request.ContactId ? View() : throw EngagementException.Conflict($"Conversation '{Id}' belongs to another contact.");
        S.Exists = true;
        S.ContactId = request.ContactId;
        S.QueueId = request.QueueId;
        S.Channel = request.Channel;
        S.Subject = request.Subject;
        S.ContactName = request.ContactName;
        S.ContactEmail = request.ContactEmail;
        S.ApiChannelId = request.ApiChannelId;
        S.Status = ConversationStatus.Open;
        S.CreatedAt = S.LastActivityAt = Now;
        S.ReplyToken = Email.ReplyToken.New();
        Raise(WebhookEventTypes.ConversationCreated);
        await SaveAsync();
        return View();
    }

    public async Task<ConversationView> Get(Caller caller)
    {
        await EnsureVisibleAsync(caller);
        return ViewFor(caller);
    }

    public async Task<ConversationPost> Post(Caller caller, string? clientMessageId, string text, AttachmentView[]? attachments)
    {
        await EnsureVisibleAsync(caller);
        // The system writes for the contact (an email, an API channel): such messages are the contact's.
        var fromContact = ConversationRules.IsContact(S, caller) || caller.Kind == CallerKind.System;
        var senderId = fromContact ? S.ContactId : caller.Id;
        var key = clientMessageId is null ? null : ClientKey(senderId, clientMessageId);
        if (key is not null && S.ClientMessageSeqs.TryGetValue(key, out var seq))
        {
            var stored = await transcript.ReadAsync(Id, seq - 1, 1);
            if (stored.Count == 1) return new ConversationPost(stored[0], ViewFor(caller), true);
        }
        var role = fromContact ? ParticipantRole.Visitor : ParticipantRole.Agent;
        var name = caller.DisplayName ?? (fromContact ? S.ContactName ?? "Visitor" : "Agent");
        var message = await AppendAsync(MessageKind.Text, senderId, role, name, text, clientMessageId, attachments);
        if (key is not null) Remember(key, message.Seq);
        S.Preview = ConversationRules.Preview(message);
        S.AwaitingReply = fromContact;
        if (fromContact && S.Status != ConversationStatus.Open) await ChangeStatusAsync(ConversationStatus.Open, null, "The customer's message");
        else if (!fromContact && S.AssigneeId is null && caller.IsStaff)
        {
            S.AssigneeId = caller.Id;
            Raise(WebhookEventTypes.ConversationAssigned);
        }
        await SaveAsync();
        fanout.Message(View(), message);
        return new ConversationPost(message, ViewFor(caller), false);
    }

    public async Task<ConversationView> SetStatus(Caller caller, ConversationStatus status, DateTimeOffset? snoozedUntil)
    {
        await EnsureStaffAsync(caller);
        if (status == ConversationStatus.Snoozed && (snoozedUntil is null || snoozedUntil <= Now))
            throw EngagementException.Invalid("Snoozing needs snoozedUntil, a time in the future.");
        if (status != ConversationStatus.Snoozed && snoozedUntil is not null)
            throw EngagementException.Invalid("snoozedUntil goes only with the status snoozed.");
        if (status == S.Status && snoozedUntil == S.SnoozedUntil) return View();
        await ChangeStatusAsync(status, snoozedUntil, caller.DisplayName ?? caller.Id);
        await SaveAsync();
        return View();
    }

    public async Task<ConversationView> Assign(Caller caller, string? agentId)
    {
        await EnsureStaffAsync(caller);
        if (agentId == S.AssigneeId) return View();
        string who = "nobody";
        if (agentId is not null)
        {
            var profile = await GrainFactory.GetAgent(agentId).GetProfile() ?? throw EngagementException.NotFound($"Agent '{agentId}'");
            if (profile.Role == StaffRole.Operator)
                throw EngagementException.Invalid($"Agent '{agentId}' is an operator and takes no conversations.");
            if (!profile.Queues.Contains(S.QueueId) && profile.Role == StaffRole.Agent)
                throw EngagementException.Invalid($"Agent '{agentId}' does not serve the queue '{S.QueueId}'.");
            who = profile.DisplayName;
        }
        S.AssigneeId = agentId;
        Raise(WebhookEventTypes.ConversationAssigned);
        await AppendEventAsync($"{caller.DisplayName ?? caller.Id} assigned the conversation to {who}.");
        await SaveAsync();
        return View();
    }

    public async Task<ConversationView> SetLabels(Caller caller, string[] labels)
    {
        await EnsureStaffAsync(caller);
        if (labels.Length > Limits.Labels) throw EngagementException.TooLarge($"A conversation carries at most {Limits.Labels} labels.");
        var sorted = labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (sorted.SequenceEqual(S.Labels)) return View();
        S.Labels = sorted;
        Raise(WebhookEventTypes.ConversationLabelsChanged);
        await SaveAsync();
        return View();
    }

    public async Task ReassignContact(string contactId)
    {
        if (!S.Exists || S.ContactId == contactId) return;
        S.ContactId = contactId;
        await SaveAsync();
    }

    public async Task ContactDetails(string? name, string? email)
    {
        if (!S.Exists || (name ?? S.ContactName) == S.ContactName && (email ?? S.ContactEmail) == S.ContactEmail) return;
        S.ContactName = name ?? S.ContactName;
        S.ContactEmail = email ?? S.ContactEmail;
        await SaveAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != SnoozeReminder) return;
        if (S.Status == ConversationStatus.Snoozed && S.SnoozedUntil <= Now)
        {
            await ChangeStatusAsync(ConversationStatus.Open, null, "The snooze");
            await SaveAsync();
        }
        if (await this.GetReminder(SnoozeReminder) is { } reminder) await this.UnregisterReminder(reminder);
    }

    private async Task ChangeStatusAsync(ConversationStatus status, DateTimeOffset? until, string by)
    {
        S.Status = status;
        S.SnoozedUntil = status == ConversationStatus.Snoozed ? until : null;
        Raise(WebhookEventTypes.ConversationStatusChanged);
        if (status == ConversationStatus.Snoozed)
            await this.RegisterOrUpdateReminder(SnoozeReminder, Max(until!.Value - Now, TimeSpan.Zero), TimeSpan.FromMinutes(1));
        await AppendEventAsync(ConversationRules.StatusEvent(status, until, by));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private async Task AppendEventAsync(string text)
    {
        var message = await AppendAsync(MessageKind.Event, "system", ParticipantRole.System, "System", text, null);
        fanout.Message(View(), message);
    }

    private async Task<ChatMessage> AppendAsync(
        MessageKind kind, string senderId, ParticipantRole role, string name, string text, string? clientMessageId, AttachmentView[]? attachments = null)
    {
        var message = new ChatMessage(Id, S.LastSeq + 1, kind, senderId, role, name, text, Now, clientMessageId, attachments);
        await transcript.AppendAsync(message);
        S.LastSeq = message.Seq;
        S.LastActivityAt = message.At;
        return message;
    }

    /// <summary>A client message id is the sender's own: the same id from two senders is two messages.</summary>
    private static string ClientKey(string senderId, string clientMessageId) => senderId + "\n" + clientMessageId;

    private void Remember(string key, long seq)
    {
        S.ClientMessageSeqs[key] = seq;
        if (S.ClientMessageSeqs.Count <= ConversationRules.RememberedClientIds) return;
        var oldest = S.ClientMessageSeqs.MinBy(p => p.Value).Key;
        S.ClientMessageSeqs.Remove(oldest);
    }

    /// <summary>Writes the state, then indexes and pushes the new view (every change goes through here).</summary>
    private async Task SaveAsync()
    {
        S.Version++;
        QueueRaisedWebhooks();
        await state.WriteStateAsync();
        await fanout.ChangedAsync(View());
        await PublishPendingWebhooksAsync();
    }
}
