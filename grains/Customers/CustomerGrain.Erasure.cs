using Engagement.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Customers;

/// <summary>
/// Erasing a contact (docs/protocol.md, Erasure): every conversation whose contact they are (found through the inbox's
/// index too, so those begun by email or an API channel count), every chat of theirs or of those conversations, the
/// mail their address sent that became no conversation, the visitors merged into them, and their own state and
/// context. Each part deletes its own rows and state; this grain's state goes last, so an erasure that fails midway
/// can simply be asked again.
/// </summary>
internal sealed partial class CustomerGrain
{
    public async Task<ErasureReport> Erase()
    {
        if (!S.Exists) throw EngagementException.NotFound($"Customer '{Id}'");
        var erasure = ServiceProvider.GetRequiredService<ErasureStore>();
        var lists = ServiceProvider.GetRequiredService<IConversationLists>();
        var conversationIds = new HashSet<string>(S.ConversationIds, StringComparer.Ordinal);
        for (DateTimeOffset? before = null; ;)
        {
            var page = await lists.ListAsync(new InboxQuery(new InboxFilter(ContactId: Id), before, Limits.InboxPage));
            conversationIds.UnionWith(page.Select(c => c.ConversationId));
            if (page.Length < Limits.InboxPage) break;
            before = page[^1].LastActivityAt;
        }
        var sessionIds = new HashSet<string>(S.SessionIds, StringComparer.Ordinal);
        long messages = 0, other = 0;
        foreach (var conversationId in conversationIds)
        {
            var erased = await GrainFactory.GetConversation(conversationId).Erase();
            (messages, other) = (messages + erased.Messages, other + erased.OtherRows);
            sessionIds.UnionWith(erased.SessionIds);
        }
        // Sessions and conversations never await customers, so awaiting them here cannot deadlock.
        foreach (var sessionId in sessionIds) messages += await GrainFactory.GetSession(sessionId).Erase();
        if (S.Attributes.GetValueOrDefault("email") is { } email) other += await erasure.DeleteMailFromAsync(email);
        var merged = S.MergedVisitorIds.ToArray();
        foreach (var visitorId in merged.Where(v => v != Id)) await GrainFactory.GetCustomer(visitorId).Erase();

        _invitations.Clear();
        // Nothing of the context may be written back after this (the flush timer, or deactivation with a dirty context).
        _contextFlushTimer?.Dispose();
        _contextFlushTimer = null;
        _contextDirty = false;
        await contextState.ClearStateAsync();
        await state.ClearStateAsync();
        other += await erasure.DeleteContactRowAsync(Id);
        DeactivateOnIdle();
        return new ErasureReport(Id, sessionIds.Count, conversationIds.Count, messages, other, merged);
    }
}
