namespace Engagement.Customers;

/// <summary>Identify: folding an anonymous visitor into the company's known customer.</summary>
internal sealed partial class CustomerGrain
{
    public async Task<CustomerView> Identify(string customerId, Dictionary<string, string> traits)
    {
        CustomerRules.ValidateKnownId(customerId);
        CustomerRules.ValidateAttributes(traits, new Dictionary<string, string>());
        // Already this customer: only the traits change (a call, not a grain hop: the grain is not reentrant).
        if (customerId == Id) return await Absorb(new VisitorMerge(Id, [], [], S.FirstSeen), traits);
        var target = GrainFactory.GetCustomer(customerId);

        // A known customer, or a visitor already merged, does not merge again: it simply signs in as the other id.
        if (S.IsKnown || S.MergedInto is not null)
            return await target.Absorb(new VisitorMerge(Id, [], [], Now), traits);

        await RecordSeenAsync();
        var merged = await target.Absorb(new VisitorMerge(Id, new Dictionary<string, string>(S.Attributes), S.SessionIds.ToArray(), S.FirstSeen,
            [.. S.ConversationIds], new Dictionary<string, string>(S.SessionConversations, StringComparer.Ordinal)), traits);
        S.MergedInto = customerId;
        S.OpenSessionIds.Clear();
        await SaveAsync();
        return merged;
    }

    public async Task<CustomerView> Absorb(VisitorMerge merge, Dictionary<string, string> traits)
    {
        var now = Now;
        if (!S.Exists)
        {
            S.Exists = true;
            S.FirstSeen = merge.FirstSeen;
        }
        S.IsKnown = true;
        if (merge.FirstSeen < S.FirstSeen) S.FirstSeen = merge.FirstSeen;
        // Known facts win over what the anonymous visitor set; traits the company's site sends win over both.
        foreach (var (key, value) in merge.Attributes) S.Attributes.TryAdd(key, value);
        foreach (var (key, value) in traits) S.Attributes[key.Trim()] = value;
        if (merge.VisitorId != Id && merge.SessionIds.Length > 0 && !S.MergedVisitorIds.Contains(merge.VisitorId))
            S.MergedVisitorIds.Add(merge.VisitorId);
        foreach (var sessionId in merge.SessionIds.Where(s => !S.SessionIds.Contains(s)))
        {
            S.SessionIds.Add(sessionId);
            S.OpenSessionIds.Add(sessionId);
        }
        // The visitor's conversations come along: the known customer sees them, and replies reach them there.
        var conversations = merge.ConversationIds ?? [];
        foreach (var conversationId in conversations.Where(c => !S.ConversationIds.Contains(c))) S.ConversationIds.Add(conversationId);
        foreach (var (sessionId, conversationId) in merge.SessionConversations ?? []) S.SessionConversations.TryAdd(sessionId, conversationId);
        S.LastSeen = now;
        await SaveAsync();
        // Sessions and conversations never await customers, so awaiting them here cannot deadlock.
        foreach (var sessionId in merge.SessionIds) await GrainFactory.GetSession(sessionId).ReassignCustomer(Id);
        foreach (var conversationId in conversations) await GrainFactory.GetConversation(conversationId).ReassignContact(Id);
        AfterDetailsChanged();
        return View();
    }
}
