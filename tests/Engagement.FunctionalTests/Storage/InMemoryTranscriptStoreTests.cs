using Engagement.Storage;

namespace Engagement.FunctionalTests.Storage;

public sealed class InMemoryTranscriptStoreTests : TranscriptStoreContract
{
    protected override Task<ITranscriptStore> CreateStoreAsync() => Task.FromResult<ITranscriptStore>(new InMemoryTranscriptStore());
}
