using Engagement.Customers;

namespace Engagement.Context;

/// <summary>Builds the <see cref="CustomerContext"/> the workspace shows from the customer's attributes and context state.</summary>
public static class ContextView
{
    public static CustomerContext Build(
        string customerId, bool isKnown, IReadOnlyDictionary<string, string> attributes,
        CustomerContextState state, DateTimeOffset? onSiteSince, long version)
    {
        // Attributes (set by the widget or identify traits) first; facts posted by back-end systems win over them.
        var facts = new Dictionary<string, string>(attributes, StringComparer.Ordinal);
        foreach (var (name, fact) in state.Facts) facts[name] = fact.Value;
        return new CustomerContext(
            customerId,
            isKnown,
            attributes.GetValueOrDefault("name"),
            facts.GetValueOrDefault("role"),
            facts.GetValueOrDefault("company"),
            state.TimeZone ?? state.Location?.TimeZone,
            state.Location,
            state.Weather,
            PageTrail.Shown(state.PageTrail),
            [.. state.Devices],
            facts,
            [.. state.RecentEvents],
            onSiteSince,
            version);
    }
}
