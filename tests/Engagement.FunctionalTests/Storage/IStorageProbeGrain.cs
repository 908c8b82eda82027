namespace Engagement.FunctionalTests.Storage;

/// <summary>A test-only grain that exercises the AdoNet storage and reminder providers.</summary>
[Alias("test.storage-probe")]
public interface IStorageProbeGrain : IGrainWithStringKey
{
    [Alias("set")] Task Set(string value);
    [Alias("get")] Task<string?> Get();
    [Alias("start-reminder")] Task StartReminder(TimeSpan period);
    [Alias("has-reminder")] Task<bool> HasReminder();
    [Alias("silo")] Task<string> SiloAddress();
}

[GenerateSerializer, Alias("test.storage-probe-state")]
public sealed class StorageProbeState
{
    [Id(0)] public string? Value { get; set; }
    [Id(1)] public int Writes { get; set; }
}
