using Engagement.Common;
using Engagement.Realtime;
using Engagement.Context;
using Engagement.Context.Rules;
using Engagement.Context.Weather;
using Microsoft.Extensions.Options;
// What the customer keeps of each live tab: its page, and when the tab last reported it.
using TabTag = (Engagement.VisitorLocation Location, System.DateTimeOffset UpdatedAt);

namespace Engagement.Customers;

/// <summary>
/// A visitor or known customer: attributes, sessions, and presence per channel derived from live
/// connections (several tabs at once). Identify lives in CustomerGrain.Identity.cs; the contacts projection in
/// CustomerGrain.Contact.cs; the live context, the site visit, proactive rules, invitations and history in the other
/// CustomerGrain.*.cs files.
/// </summary>
[GrainType("customer")]
internal sealed partial class CustomerGrain(
    [PersistentState("customer", "store")] IPersistentState<CustomerState> state,
    [PersistentState("customer-context", "store")] IPersistentState<CustomerContextState> contextState,
    IOptions<PresenceOptions> presenceOptions,
    IOptions<ContextOptions> contextOptions,
    IOptions<WeatherOptions> weatherOptions,
    IWeatherProvider weatherProvider,
    ProactiveRulesCache rulesCache,
    TimeProvider clock,
    ClientPush push,
    SiloDepartures departures,
    ContactIndex contacts) : Grain, ICustomerGrain
{
    private readonly Listeners<TabTag> _live = new(push, presenceOptions.Value, clock);
    private Dictionary<string, ChannelPresence> _channels = new(StringComparer.Ordinal);
    private readonly VersionClock _versions = new(clock);
    private long _presenceVersion;
    private LivenessCheck<TabTag>? _liveness;

    private CustomerState S => state.State;
    private string Id => GrainKeys.IdOf(this.GetPrimaryKeyString());
    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// The customer's tabs may be connected while this activation is new: their silos are asked for them before
    /// anything is answered, so the first call does not meet a visitor "offline" who is not.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Exists) await ProjectContactAsync();
        if (S.Exists)
            await push.RecoverListenersAsync(new ListenerKey(ListenerKind.Customer, Id),
                leases => Renew([.. leases.Select(l => new VisitorLease(l.Connection, l.Location ?? UnknownLocation))]));
    }

    /// <summary>A tab's page when its silo knew none (it connected without one); the tab's next update replaces it.</summary>
    private static readonly VisitorLocation UnknownLocation = new("web", null, null, false);

    public async Task<CustomerView> Touch()
    {
        await RecordSeenAsync();
        return View();
    }

    public Task<CustomerView> NoteContact(string? name, string? email)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(name)) attributes["name"] = name.Length <= Limits.AttributeValue ? name : name[..Limits.AttributeValue];
        if (!string.IsNullOrWhiteSpace(email)) attributes["email"] = email;
        return attributes.Count == 0 ? Touch() : SetAttributes(attributes);
    }

    public Task<CustomerView> Get() =>
        S.Exists ? Task.FromResult(View()) : throw EngagementException.NotFound($"Customer '{Id}'");

    public Task<Dictionary<string, string>> Attributes() => Task.FromResult(new Dictionary<string, string>(S.Attributes, StringComparer.Ordinal));

    public async Task<CustomerView> SetAttributes(Dictionary<string, string> attributes)
    {
        CustomerRules.ValidateAttributes(attributes, S.Attributes);
        foreach (var (key, value) in attributes) S.Attributes[key.Trim()] = value;
        await RecordSeenAsync(force: true);
        AfterDetailsChanged();
        return View();
    }

    public async Task<CustomerPresenceView> Connect(ConnectionRef connection, VisitorLocation location)
    {
        _live.Add(connection, (location, Now));
        Liveness.Update();
        await RecordSeenAsync();
        return PublishPresence();
    }

    public Task<CustomerPresenceView> UpdateLocation(string connectionId, VisitorLocation location)
    {
        if (!_live.SetTag(connectionId, (location, Now))) throw EngagementException.NotFound("That connection");
        return Task.FromResult(PublishPresence());
    }

    public Task Disconnect(string connectionId)
    {
        if (_live.Remove(connectionId))
        {
            PublishPresence();
            Liveness.Update();
        }
        return Task.CompletedTask;
    }

    public Task Renew(VisitorLease[] leases)
    {
        if (!S.Exists) return Task.CompletedTask;
        var added = false;
        foreach (var lease in leases)
        {
            // A known tab keeps the page it last reported here; the lease's page only seeds a new activation.
            var tag = _live.TryGetTag(lease.Connection.ConnectionId, out var known) ? known : (lease.Location, Now);
            added |= _live.Renew(lease.Connection, tag);
        }
        if (added)
        {
            Liveness.Update();
            PublishPresence();
        }
        return Task.CompletedTask;
    }

    private LivenessCheck<TabTag> Liveness =>
        _liveness ??= new(this, _live, departures, clock, CheckLivenessAsync);

    public Task<CustomerPresenceView> GetPresence() => Task.FromResult(PresenceView());

    public async Task SessionStarted(string sessionId, string queueId)
    {
        if (!S.SessionIds.Contains(sessionId)) S.SessionIds.Add(sessionId);
        await AttachEpisodeAsync(sessionId, queueId);
        if (!S.OpenSessionIds.Contains(sessionId)) S.OpenSessionIds.Add(sessionId);
        await RecordSeenAsync(force: true);
        C.SessionStarts.TryAdd(sessionId, Now);
        ScheduleContextWrite();
        AfterDetailsChanged();
    }

    public async Task SessionEnded(string sessionId)
    {
        await SessionChanged(sessionId);
        if (!S.OpenSessionIds.Remove(sessionId)) return;
        await SaveAsync();
        AfterDetailsChanged();
    }

    /// <summary>Lapsed leases and departed silos' connections go; the grace may have ended (<see cref="Liveness"/> says when).</summary>
    private Task CheckLivenessAsync()
    {
        _live.Expire();
        PublishPresence();
        return Task.CompletedTask;
    }

    /// <summary>Recomputes presence; when it changed, tells the customer's open sessions (and through them, their agents).</summary>
    private CustomerPresenceView PublishPresence()
    {
        if (_live.Count == 0 && _live.Online) return PresenceView(); // within the grace period: hold the last presence
        var channels = CustomerRules.Channels(_live.Tags, _channels, Now);
        var changed = channels.Length != _channels.Count || channels.Any(c => !_channels.TryGetValue(c.Channel, out var p) || !SamePresence(p, c));
        _channels = channels.ToDictionary(c => c.Channel, StringComparer.Ordinal);
        if (changed) _presenceVersion = _versions.Next();
        var view = PresenceView();
        if (changed)
        {
            foreach (var sessionId in S.OpenSessionIds) GrainFactory.GetSession(sessionId).CustomerPresenceChanged(view).Ignore();
            AfterPresenceChanged();
        }
        return view;
    }

    private static bool SamePresence(ChannelPresence a, ChannelPresence b) =>
        a.Status == b.Status && a.CurrentPage == b.CurrentPage && a.PageTitle == b.PageTitle;

    private CustomerPresenceView PresenceView() => new(Id, CustomerRules.Overall(_channels.Values), _channels.Values.ToArray(), _presenceVersion);

    private async Task RecordSeenAsync(bool force = false)
    {
        var now = Now;
        var first = !S.Exists;
        if (first)
        {
            S.Exists = true;
            S.FirstSeen = now;
        }
        // LastSeen is informative; writing it at most once a minute keeps reconnect storms off the database.
        if (first || force || now - S.LastSeen > TimeSpan.FromMinutes(1))
        {
            S.LastSeen = now;
            await SaveAsync();
        }
    }

    private CustomerView View() => new(
        Id, S.IsKnown, S.Attributes.GetValueOrDefault("name"), new Dictionary<string, string>(S.Attributes),
        S.MergedVisitorIds.ToArray(), S.SessionIds.ToArray(), PresenceView(), S.FirstSeen, S.LastSeen, S.MergedInto);
}
