namespace Engagement.Customers;

/// <summary>Pure rules for customers: presence per channel and attribute limits.</summary>
public static class CustomerRules
{
    /// <summary>
    /// Presence per channel over all live connections: online if any connection is in the foreground,
    /// away if all are hidden. The page shown is the one most recently reported.
    /// </summary>
    public static ChannelPresence[] Channels(
        IEnumerable<(VisitorLocation Location, DateTimeOffset UpdatedAt)> connections,
        IReadOnlyDictionary<string, ChannelPresence> previous,
        DateTimeOffset now)
    {
        var current = connections
            .GroupBy(c => c.Location.Channel)
            .Select(g =>
            {
                var latest = g.MaxBy(c => c.UpdatedAt).Location;
                var status = g.Any(c => !c.Location.Away) ? CustomerPresence.Online : CustomerPresence.Away;
                var since = previous.TryGetValue(g.Key, out var p) && p.Status == status ? p.Since : now;
                return new ChannelPresence(g.Key, status, latest.Page, latest.PageTitle, g.Count(), since);
            })
            .ToDictionary(c => c.Channel);
        foreach (var (channel, p) in previous)
        {
            if (!current.ContainsKey(channel))
                current[channel] = p.Status == CustomerPresence.Offline ? p : new ChannelPresence(channel, CustomerPresence.Offline, null, null, 0, now);
        }
        return current.Values.OrderBy(c => c.Channel, StringComparer.Ordinal).ToArray();
    }

    public static CustomerPresence Overall(IEnumerable<ChannelPresence> channels) =>
        channels.Select(c => c.Status).DefaultIfEmpty(CustomerPresence.Offline).Max();

    /// <summary>Throws <see cref="EngagementException"/> when attributes break the limits.</summary>
    public static void ValidateAttributes(IReadOnlyDictionary<string, string> attributes, IReadOnlyDictionary<string, string> existing)
    {
        if (attributes.Count > Limits.Attributes)
            throw EngagementException.TooLarge($"At most {Limits.Attributes} attributes at a time.");
        if (existing.Count + attributes.Keys.Count(k => !existing.ContainsKey(k.Trim())) > Limits.AttributesPerCustomer)
            throw EngagementException.TooLarge($"A customer keeps at most {Limits.AttributesPerCustomer} attributes.");
        foreach (var (key, value) in attributes)
        {
            if (key.Length > Limits.AttributeKey || value?.Length > Limits.AttributeValue)
                throw EngagementException.TooLarge($"Attribute names are at most {Limits.AttributeKey} characters, values at most {Limits.AttributeValue}.");
            if (string.IsNullOrWhiteSpace(key) || value is null)
                throw EngagementException.Invalid($"Attribute names are 1 to {Limits.AttributeKey} characters, values strings.");
        }
    }

    /// <summary>Known customer ids are the company's own: valid public ids that do not look like our anonymous ones.</summary>
    public static void ValidateKnownId(string customerId)
    {
        if (!Ids.IsValid(customerId) || customerId.StartsWith("v_", StringComparison.Ordinal))
            throw EngagementException.Invalid("customerId is 1 to 64 letters, digits, '_' or '-', and may not start with 'v_'.");
    }
}
