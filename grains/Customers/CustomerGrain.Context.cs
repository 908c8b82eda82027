using Engagement.Context;
using Engagement.Context.Weather;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Engagement.Customers;

/// <summary>
/// The live context: consumes the customer's context stream (implicit subscription, so any signal activates the
/// grain), folds signals into the context state, and pushes the new context to the customer's open sessions,
/// which relay it to their agents. Location, weather, facts and interactions are written on receipt; page views,
/// events and device readings are written at most <see cref="ContextOptions.ContextFlushDelay"/> later, coalesced.
/// The stream delivers at least once, in no guaranteed order: <see cref="ContextReducer"/> makes a signal seen
/// before change nothing (no push, no write) and a late one land where its time puts it, with no ids to remember.
/// </summary>
[ImplicitStreamSubscription(ContextStreams.Namespace, CustomerStreamIdMapper.Name)]
internal sealed partial class CustomerGrain : IStreamSubscriptionObserver
{
    private long _contextVersion;
    private bool _contextDirty;
    private IGrainTimer? _contextFlushTimer;

    private CustomerContextState C => contextState.State;

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<ContextSignal>().ResumeAsync((IList<SequentialItem<ContextSignal>> batch) => OnSignalsAsync(batch.Select(i => i.Item)));

    public Task ApplyContext(ContextSignal[] signals) => OnSignalsAsync(signals);

    public Task<CustomerContext> GetContext()
    {
        if (_contextVersion == 0) _contextVersion = _versions.Next();
        return Task.FromResult(ContextNow());
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _liveness?.Dispose();
        // Best effort: a silo that dies loses at most the coalescing delay of page views and readings.
        if (_contextDirty) await WriteContextAsync();
    }

    /// <summary>Folds a batch in, from the stream or ahead of it (<see cref="ApplyContext"/>); a batch seen before changes nothing.</summary>
    private async Task OnSignalsAsync(IEnumerable<ContextSignal> batch)
    {
        var (changed, writeNow, writeSoon) = (false, false, false);
        (double Latitude, double Longitude)? place = null;
        foreach (var signal in batch)
        {
            var outcome = ContextReducer.Apply(C, signal);
            changed |= outcome.ContextChanged;
            writeNow |= outcome.WriteNow;
            writeSoon |= outcome.WriteSoon;
            place = outcome.Coordinates ?? place;
        }
        // Push first: the agents' screens should not wait for the database.
        if (changed) PublishContext();
        if (place is { } coordinates && await LookUpWeatherAsync(coordinates))
        {
            PublishContext();
            writeNow = true;
        }
        if (writeNow) await WriteContextAsync();
        else if (writeSoon) ScheduleContextWrite();
    }

    /// <summary>Asks the weather provider unless posted weather is fresh. True when the context's weather changed.</summary>
    private async Task<bool> LookUpWeatherAsync((double Latitude, double Longitude) place)
    {
        if (!weatherProvider.LooksUp) return false;
        if (C.Weather is { } known && !C.WeatherFromLookup && Now - known.ObservedAt < weatherOptions.Value.PostedFreshFor) return false;
        var report = await weatherProvider.CurrentAsync(place.Latitude, place.Longitude, CancellationToken.None);
        if (report is null || report.Weather == C.Weather) return false;
        C.Weather = report.Weather;
        C.WeatherFromLookup = true;
        C.TimeZone ??= report.TimeZone;
        return true;
    }

    /// <summary>Stamps a new version and sends the context to every open session of the customer (one-way).</summary>
    private void PublishContext()
    {
        _contextVersion = _versions.Next();
        if (S.OpenSessionIds.Count == 0) return; // nobody to show it to: most visitors are not in a session
        var context = ContextNow();
        foreach (var sessionId in S.OpenSessionIds) GrainFactory.GetSession(sessionId).ContextChanged(context).Ignore();
    }

    private CustomerContext ContextNow() => ContextView.Build(Id, S.IsKnown, S.Attributes, C, _visitStart, _contextVersion);

    private async Task WriteContextAsync()
    {
        _contextDirty = false;
        await contextState.WriteStateAsync();
    }

    private void ScheduleContextWrite()
    {
        _contextDirty = true;
        _contextFlushTimer ??= this.RegisterGrainTimer(FlushContextAsync,
            new GrainTimerCreationOptions(contextOptions.Value.ContextFlushDelay, Timeout.InfiniteTimeSpan));
    }

    private async Task FlushContextAsync(CancellationToken cancellationToken)
    {
        _contextFlushTimer?.Dispose();
        _contextFlushTimer = null;
        if (_contextDirty) await WriteContextAsync();
    }
}
