using System.Diagnostics;
using Engagement.LoadTests.Measurement;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Engagement.LoadTests.Conversations;

/// <summary>
/// N mails sent over SMTP on <c>connections</c> connections at once (MailKit, as a customer's mail server would send
/// them), each from a customer of its own to one address, with a subject naming the run and the mail, so each becomes
/// a conversation of its own and can be found by its subject. Records when each was sent and when its 250 came.
/// </summary>
internal sealed class SmtpLoad(string host, int port, int connections)
{
    public sealed record Sent(string Subject, DateTimeOffset SentAt, DateTimeOffset AcceptedAt);

    public sealed record Result(IReadOnlyList<Sent> Mails, LatencyHistogram Accept, long Refused, double Seconds)
    {
        /// <summary>Mails the server accepted (250) per second, from the first send to the last 250.</summary>
        public double AcceptedPerSecond => Mails.Count / Seconds;
    }

    /// <summary>The subject of mail <paramref name="index"/> of run <paramref name="run"/>.</summary>
    public static string Subject(string run, int index) => $"bench {run} mail {index}";

    public async Task<Result> SendAsync(string run, int count, string to, CancellationToken ct)
    {
        var sent = new Sent?[count];
        var accept = new LatencyHistogram();
        long refused = 0, next = -1;
        var clock = Stopwatch.StartNew();

        async Task Connection()
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(host, port, SecureSocketOptions.None, ct);
            while (Interlocked.Increment(ref next) is var i && i < count)
            {
                var subject = Subject(run, (int)i);
                var message = new MimeMessage();
                message.From.Add(new MailboxAddress($"Customer {i}", $"customer-{run}-{i}@example.com"));
                message.To.Add(MailboxAddress.Parse(to));
                message.Subject = subject;
                message.MessageId = $"{run}-{i}@example.com";
                message.Body = new TextPart("plain") { Text = $"Hello, I ordered item {i} last week and it has not arrived yet. Can you tell me where it is?\n\nThanks,\nCustomer {i}\n" };
                var sentAt = DateTimeOffset.UtcNow;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await client.SendAsync(message, ct);
                    accept.Record(Stopwatch.GetTimestamp() - started);
                    sent[i] = new Sent(subject, sentAt, DateTimeOffset.UtcNow);
                }
                catch (SmtpCommandException)
                {
                    Interlocked.Increment(ref refused);
                }
            }
            await client.DisconnectAsync(true, ct);
        }

        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(Connection, ct)));
        return new Result([.. sent.OfType<Sent>()], accept, refused, clock.Elapsed.TotalSeconds);
    }
}
