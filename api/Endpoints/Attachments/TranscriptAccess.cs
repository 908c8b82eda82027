namespace Engagement.Api.Endpoints.Attachments;

/// <summary>Who may upload into, and read the files of, a transcript: whoever may see its session or conversation.</summary>
internal static class TranscriptAccess
{
    /// <summary>Passes when <paramref name="caller"/> may see the session or conversation <paramref name="scopeId"/>; <c>not_found</c> otherwise.</summary>
    public static Task EnsureVisibleAsync(IGrainFactory grains, Caller caller, string scopeId) =>
        scopeId.StartsWith(ConversationIds.Prefix, StringComparison.Ordinal)
            ? grains.GetConversation(scopeId).Get(caller)
            : grains.GetSession(scopeId).Get(caller);
}
