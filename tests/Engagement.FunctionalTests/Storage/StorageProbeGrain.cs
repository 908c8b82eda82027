using System.Collections.Concurrent;
using Engagement.Silo;

namespace Engagement.FunctionalTests.Storage;

[GrainType("test.storage-probe")]
public sealed class StorageProbeGrain(
    [PersistentState("test-storage-probe", Extensions.StorageName)] IPersistentState<StorageProbeState> state,
    ILocalSiloDetails silo)
    : Grain, IStorageProbeGrain, IRemindable
{
    private const string ReminderName = "probe";

    /// <summary>Reminder ticks seen in this process, by grain key and silo address (tests wait on these).</summary>
    public static ConcurrentQueue<(string Key, string Silo)> Ticks { get; } = new();

    public async Task Set(string value)
    {
        state.State.Value = value;
        state.State.Writes++;
        await state.WriteStateAsync();
    }

    public Task<string?> Get() => Task.FromResult(state.State.Value);

    public Task StartReminder(TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromSeconds(1), period);

    public async Task<bool> HasReminder() => await this.GetReminder(ReminderName) is not null;

    public Task<string> SiloAddress() => Task.FromResult(silo.SiloAddress.ToString());

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Ticks.Enqueue((this.GetPrimaryKeyString(), silo.SiloAddress.ToString()));
        return Task.CompletedTask;
    }
}
