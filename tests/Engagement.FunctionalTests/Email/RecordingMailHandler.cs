using System.Collections.Concurrent;
using Engagement.Email;
using Engagement.Media.Tests;

namespace Engagement.FunctionalTests.Email;

/// <summary>
/// The test's <see cref="IInboundMailHandler"/>: records every mail it is handed and answers as a conversations side
/// would (continued when the mail threads into a conversation, else a new one), unless a test sets <see cref="Behaviour"/>.
/// </summary>
public sealed class RecordingMailHandler : IInboundMailHandler
{
    private readonly ConcurrentQueue<InboundMail> received = new();

    /// <summary>Runs before the answer: a test makes the handler throw or hang here.</summary>
    public Func<InboundMail, CancellationToken, Task>? Behaviour { get; set; }

    public IReadOnlyList<InboundMail> Received => [.. received];

    public async Task<InboundMailOutcome> HandleAsync(InboundMail mail, CancellationToken cancellationToken)
    {
        received.Enqueue(mail);
        if (Behaviour is { } behaviour) await behaviour(mail, cancellationToken);
        return mail.Thread switch
        {
            { ConversationId: { } conversation } => InboundMailOutcome.Continued(conversation),
            { Match: MailThreadMatch.UnknownToken } => InboundMailOutcome.UnknownToken(
                $"no conversation has token {mail.Thread.ReplyToken}; started conv-{mail.RawMailId}", $"conv-{mail.RawMailId}"),
            _ => InboundMailOutcome.Started($"conv-{mail.RawMailId}"),
        };
    }

    public async Task<InboundMail> WaitForAsync(long rawId) => (await Eventually.Until(
        () => Task.FromResult(received.FirstOrDefault(m => m.RawMailId == rawId)), m => m is not null, $"handler given mail {rawId}"))!;
}
