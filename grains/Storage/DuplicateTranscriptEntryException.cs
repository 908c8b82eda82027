namespace Engagement.Storage;

/// <summary>A (session, seq) pair was appended twice: a bug in the caller, never silently ignored.</summary>
public sealed class DuplicateTranscriptEntryException(string sessionId, long seq)
    : InvalidOperationException($"Transcript entry (session '{sessionId}', seq {seq}) already exists.")
{
    public string SessionId { get; } = sessionId;
    public long Seq { get; } = seq;
}
