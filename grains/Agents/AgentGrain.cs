using Engagement.Common;
using Engagement.Realtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Agents;

/// <summary>
/// An agent: profile, capacity, the offers in front of them and the sessions they hold. Presence is derived
/// from live workspace connections (see <see cref="AgentRules.Presence"/>); this file holds profile and
/// connections, AgentGrain.Routing.cs the offers.
/// </summary>
[GrainType("agent")]
internal sealed partial class AgentGrain(
    [PersistentState("agent", "store")] IPersistentState<AgentState> state,
    IOptions<PresenceOptions> presenceOptions,
    TimeProvider clock,
    ClientPush push,
    SiloDepartures departures,
    ILogger<AgentGrain> logger) : Grain, IAgentGrain
{
    private static readonly PasswordHasher<AgentProfile> Hasher = new();
    private readonly Listeners<bool> _live = new(push, presenceOptions.Value, clock);
    private readonly Dictionary<string, SessionOffer> _offers = new(StringComparer.Ordinal);
    private readonly VersionClock _versions = new(clock);
    private LivenessCheck<bool>? _liveness;
    private AgentRoutingState? _published;

    private AgentState S => state.State;
    private string Id => GrainKeys.IdOf(this.GetPrimaryKeyString());
    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// A new activation may follow one lost with a silo (or deactivated by Orleans): the agent's workspaces may still be
    /// connected and offers may still be out to it. Their silos are asked for the connections before anything is
    /// answered, so the first call (a status change, a queue's question, the dashboard's rebuild) does not meet an
    /// agent "offline" who is not; its queues are asked for the offers, so an accept keeps working.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Profile is not { } profile) return;
        await push.RecoverListenersAsync(new ListenerKey(ListenerKind.Agent, Id), leases => AddLeasesAsync(leases.Select(l => l.Connection)));
        // Not awaited: a queue activating asks its agents for their routing state, so waiting on a queue here could
        // wait on a queue that waits on this activation.
        RestoreOffersAsync(profile).Ignore();
    }

    private async Task RestoreOffersAsync(AgentProfile profile)
    {
        foreach (var queueId in profile.Queues)
        {
            try
            {
                foreach (var offer in await GrainFactory.GetQueue(queueId).OffersFor(Id)) _offers.TryAdd(offer.SessionId, offer);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Agent {AgentId}: could not ask queue {QueueId} for offers out to it; they time out instead", Id, queueId);
            }
        }
    }

    public async Task<AgentProfile> Configure(AgentProfile profile)
    {
        var valid = AgentRules.Validate(Id, profile);
        var removedQueues = S.Profile?.Queues.Except(valid.Queues).ToArray() ?? [];
        if (S.Profile is null) S.IdleSince = Now;
        S.Profile = valid;
        await state.WriteStateAsync();
        foreach (var queueId in removedQueues) await GrainFactory.GetQueue(queueId).AgentRemoved(Id);
        await PublishAsync(force: true);
        return valid;
    }

    public async Task SetPassword(string password)
    {
        var profile = RequireProfile();
        if (password is null || password.Length is < 8 or > 256) throw EngagementException.Invalid("A password is 8 to 256 characters.");
        S.PasswordHash = Hasher.HashPassword(profile, password);
        await state.WriteStateAsync();
    }

    public async Task<bool> CheckPassword(string password)
    {
        if (S.Profile is not { } profile || S.PasswordHash is null || string.IsNullOrEmpty(password)) return false;
        var result = Hasher.VerifyHashedPassword(profile, S.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            S.PasswordHash = Hasher.HashPassword(profile, password);
            await state.WriteStateAsync();
        }
        return result != PasswordVerificationResult.Failed;
    }

    public Task<AgentProfile?> GetProfile() => Task.FromResult(S.Profile);

    public Task<AgentStatus> GetStatus() => Task.FromResult(Status());

    public async Task<AgentStatus> Connect(ConnectionRef connection)
    {
        RequireProfile();
        _live.Add(connection, true);
        Liveness.Update();
        await PublishAsync();
        return Status();
    }

    public async Task Disconnect(string connectionId)
    {
        if (!_live.Remove(connectionId)) return;
        Liveness.Update();
        await PublishAsync();
    }

    public Task Renew(ConnectionRef[] connections) => AddLeasesAsync(connections);

    /// <summary>Leases from a silo's renewal or from its answer to a new activation; connections this activation did not know are added.</summary>
    private async Task AddLeasesAsync(IEnumerable<ConnectionRef> connections)
    {
        if (S.Profile is null) return;
        var added = 0;
        foreach (var connection in connections)
            if (_live.Renew(connection, true)) added++;
        if (added == 0) return;
        logger.LogInformation("Agent {AgentId}: {Count} connection(s) came back with their lease", Id, added);
        Liveness.Update();
        await PublishAsync();
    }

    public async Task<AgentStatus> SetChosenStatus(AgentChosenStatus status, string? reason = null)
    {
        RequireProfile();
        if (!Enum.IsDefined(status)) throw EngagementException.Invalid("Unknown status.");
        if (reason is not null && status != AgentChosenStatus.Away) throw EngagementException.Invalid("Only away takes a reason.");
        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (trimmed?.Length > Limits.Name) throw EngagementException.TooLarge($"reason is at most {Limits.Name} characters.");
        var changed = S.Chosen != status || S.AwayReason != trimmed;
        S.Chosen = status;
        S.AwayReason = trimmed;
        if (changed) S.ChosenSince = Now;
        await state.WriteStateAsync();
        await PublishAsync(force: changed); // a new reason changes no routing, but the dashboard shows it
        return Status();
    }

    private AgentPresence Presence => S.Profile is null ? AgentPresence.Offline
        : AgentRules.Presence(_live.Online, S.Chosen, ChatLoad, S.Profile.Capacity);

    private AgentProfile RequireProfile() => S.Profile ?? throw EngagementException.NotFound($"Agent '{Id}'");

    private AgentStatus Status() => new(
        Id, S.Profile?.DisplayName ?? Id, Presence, S.Chosen, S.Profile?.Capacity ?? 0,
        S.ActiveSessions.ToArray(), _offers.Values.ToArray(), _live.Count, S.IdleSince, S.AwayReason, S.ChosenSince);

    /// <summary>Runs <see cref="CheckLivenessAsync"/> when a lease can lapse, the grace end, or a silo with connections here leaves.</summary>
    private LivenessCheck<bool> Liveness => _liveness ??= new(this, _live, departures, clock, CheckLivenessAsync);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _liveness?.Dispose();
        return Task.CompletedTask;
    }

    private async Task CheckLivenessAsync()
    {
        if (_live.Expire() is var dead and > 0)
            logger.LogInformation("Agent {AgentId}: {Count} connection(s) stopped heartbeating or went with their silo", Id, dead);
        await PublishAsync();
    }
}
