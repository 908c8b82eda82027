namespace Engagement;

/// <summary>
/// Builds grain keys from public ids. Every key starts with a type prefix: the AdoNet storage provider
/// parses keys that look hexadecimal as integers ("abc" = "ABC"), and a prefix keeps ids from colliding.
/// </summary>
public static class GrainKeys
{
    public const string CustomerPrefix = "cust:";
    public const string AgentPrefix = "agent:";
    public const string QueuePrefix = "queue:";
    public const string SessionPrefix = "sess:";
    public const string ConversationPrefix = "conv:";
    public const string NodePrefix = "node:";

    // The tenant's single grains. These keys are persisted identities (grain state rows, reminders, references):
    // the C# names may change, the values never.
    public const string Registry = "directory:default";
    public const string TeamDirectory = "board:directory";
    public const string SiteVisitors = "board:site-visitors";
    public const string Dashboard = "stats:default";
    public const string ProactiveRules = "rules:default";
    public const string CannedResponses = "canned:default";
    public const string WidgetSettings = "widget:default";
    public const string RouterRegistry = "routers:default";
    public const string Inbox = "inbox:default";
    public const string ApiChannels = "channels:default";
    public const string Retention = "retention:default";
    public const string SlaBoard = "board:sla";

    public static string Customer(string customerId) => CustomerPrefix + customerId;
    public static string Agent(string agentId) => AgentPrefix + agentId;
    public static string Queue(string queueId) => QueuePrefix + queueId;
    public static string Session(string sessionId) => SessionPrefix + sessionId;
    public static string Conversation(string conversationId) => ConversationPrefix + conversationId;

    /// <summary>A node's grain (<see cref="INodeGrain"/>), by its silo's address as <c>SiloAddress.ToParsableString</c> gives it.</summary>
    public static string Node(string silo) => NodePrefix + silo;

    /// <summary>Strips the type prefix from a grain's primary key string.</summary>
    public static string IdOf(string grainKey)
    {
        var colon = grainKey.IndexOf(':');
        return colon < 0 ? grainKey : grainKey[(colon + 1)..];
    }
}

/// <summary>Typed accessors so callers never build keys by hand.</summary>
public static class GrainFactoryExtensions
{
    public static ICustomerGrain GetCustomer(this IGrainFactory f, string customerId) => f.Reference<ICustomerGrain>(GrainKeys.Customer(customerId));
    public static IAgentGrain GetAgent(this IGrainFactory f, string agentId) => f.Reference<IAgentGrain>(GrainKeys.Agent(agentId));
    public static IQueueGrain GetQueue(this IGrainFactory f, string queueId) => f.Reference<IQueueGrain>(GrainKeys.Queue(queueId));
    public static ISessionGrain GetSession(this IGrainFactory f, string sessionId) => f.Reference<ISessionGrain>(GrainKeys.Session(sessionId));
    public static IConversationGrain GetConversation(this IGrainFactory f, string conversationId) => f.Reference<IConversationGrain>(GrainKeys.Conversation(conversationId));
    public static IRetentionGrain GetRetention(this IGrainFactory f) => f.Reference<IRetentionGrain>(GrainKeys.Retention);
    public static IApiChannelsGrain GetApiChannels(this IGrainFactory f) => f.Reference<IApiChannelsGrain>(GrainKeys.ApiChannels);
    public static IInboxGrain GetInbox(this IGrainFactory f) => f.Reference<IInboxGrain>(GrainKeys.Inbox);
    public static IRegistryGrain GetRegistry(this IGrainFactory f) => f.Reference<IRegistryGrain>(GrainKeys.Registry);
    public static ITeamDirectoryGrain GetTeamDirectory(this IGrainFactory f) => f.Reference<ITeamDirectoryGrain>(GrainKeys.TeamDirectory);
    public static ISiteVisitorsGrain GetSiteVisitors(this IGrainFactory f) => f.Reference<ISiteVisitorsGrain>(GrainKeys.SiteVisitors);
    public static IDashboardGrain GetDashboard(this IGrainFactory f) => f.Reference<IDashboardGrain>(GrainKeys.Dashboard);
    public static ISlaBoardGrain GetSlaBoard(this IGrainFactory f) => f.Reference<ISlaBoardGrain>(GrainKeys.SlaBoard);
    public static IProactiveRulesGrain GetProactiveRules(this IGrainFactory f) => f.Reference<IProactiveRulesGrain>(GrainKeys.ProactiveRules);
    public static IWidgetSettingsGrain GetWidgetSettings(this IGrainFactory f) => f.Reference<IWidgetSettingsGrain>(GrainKeys.WidgetSettings);
    public static ICannedResponsesGrain GetCannedResponses(this IGrainFactory f) => f.Reference<ICannedResponsesGrain>(GrainKeys.CannedResponses);
    public static IRouterRegistryGrain GetRouterRegistry(this IGrainFactory f) => f.Reference<IRouterRegistryGrain>(GrainKeys.RouterRegistry);
}
