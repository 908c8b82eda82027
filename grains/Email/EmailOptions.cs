using MailKit.Security;

namespace Engagement.Email;

/// <summary>
/// The email channel, bound from "Engagement:Email": every limit and default of grains/Email is here
/// (docs/email.md lists the keys). Nothing runs unless <see cref="Enabled"/> is true.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Engagement:Email";

    /// <summary>Registers the outbox, the sender, the inbound processor and (with <see cref="InboundOptions.Port"/>) the listener.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Our own mail domain: the right-hand side of every Message-ID we write, and the domain of the queues' addresses.
    /// Mail whose From is in this domain is taken for a loop and never answered, so give the server a domain (or
    /// subdomain) of its own, e.g. support.example.com. Empty takes the first of <see cref="InboundOptions.AcceptedDomains"/>.
    /// </summary>
    public string Domain { get; set; } = "";

    /// <summary>The relay outbound mail is handed to (MailKit's SmtpClient).</summary>
    public SmtpRelayOptions Smtp { get; set; } = new();

    /// <summary>Our own SMTP listener (SmtpServer) and the processing of what it stored.</summary>
    public InboundOptions Inbound { get; set; } = new();

    /// <summary>The durable outbox and its sender.</summary>
    public OutboxOptions Outbox { get; set; } = new();

    /// <summary><see cref="Domain"/>, or the first accepted domain when it is empty; lower case.</summary>
    public string OwnDomain =>
        (string.IsNullOrWhiteSpace(Domain) ? Inbound.AcceptedDomains.FirstOrDefault() ?? "" : Domain).Trim().ToLowerInvariant();

    /// <summary>Every problem with the settings, empty when they hold together.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Enabled) yield break;
        if (OwnDomain.Length == 0) yield return $"{Section}:Domain (or {Section}:Inbound:AcceptedDomains) must name our mail domain.";
        if (string.IsNullOrWhiteSpace(Smtp.Host)) yield return $"{Section}:Smtp:Host must name the relay outbound mail goes to.";
        if (Smtp.Port is < 1 or > 65535) yield return $"{Section}:Smtp:Port must be 1-65535.";
        if (Smtp.Timeout <= TimeSpan.Zero) yield return $"{Section}:Smtp:Timeout must be positive.";
        if (Inbound.Port is < 0 or > 65535) yield return $"{Section}:Inbound:Port must be 0 (no listener) or 1-65535.";
        if (Inbound.MaxMessageSize < 1024) yield return $"{Section}:Inbound:MaxMessageSize must be at least 1024 bytes.";
        if (Inbound.Port > 0 && Inbound.AcceptedDomains.Length == 0) yield return $"{Section}:Inbound:AcceptedDomains must name the domains the listener takes mail for.";
        if (Outbox.BatchSize < 1 || Inbound.BatchSize < 1) yield return $"{Section}: batch sizes must be at least 1.";
        if (Inbound.Concurrency < 1) yield return $"{Section}:Inbound:Concurrency must be at least 1.";
        // A claim must outlive the sends it covers, or a slow relay lets a second silo send the same mail again.
        if (Outbox.Lease <= Smtp.Timeout * (Outbox.BatchSize + 1))
            yield return $"{Section}:Outbox:Lease ({Outbox.Lease}) must be longer than Smtp:Timeout × (Outbox:BatchSize + 1).";
        if (Inbound.Lease <= TimeSpan.Zero || Outbox.PollInterval <= TimeSpan.Zero || Inbound.PollInterval <= TimeSpan.Zero)
            yield return $"{Section}: leases and poll intervals must be positive.";
        if (Outbox.RetryDelay <= TimeSpan.Zero || Outbox.MaxRetryDelay < Outbox.RetryDelay || Inbound.RetryDelay <= TimeSpan.Zero || Inbound.MaxRetryDelay < Inbound.RetryDelay)
            yield return $"{Section}: retry delays must be positive and not above their maximum.";
        if (Outbox.MaxAttempts < 1) yield return $"{Section}:Outbox:MaxAttempts must be at least 1.";
    }
}

/// <summary>The outbound relay: "Engagement:Email:Smtp".</summary>
public sealed class SmtpRelayOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;

    /// <summary>None, StartTls, StartTlsWhenAvailable, SslOnConnect or Auto (MailKit's <see cref="SecureSocketOptions"/>).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;

    /// <summary>With <see cref="Password"/>: authenticate to the relay; empty sends without.</summary>
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";

    /// <summary>Per SMTP operation (connect, each command, the data).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>The listener and the processing of stored mail: "Engagement:Email:Inbound".</summary>
public sealed class InboundOptions
{
    /// <summary>The address the listener binds (IPv4 or IPv6 literal).</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>0 runs no listener on this silo (mail already stored is still processed).</summary>
    public int Port { get; set; }

    /// <summary>Largest message accepted, in bytes: advertised as SIZE, a larger MAIL FROM SIZE= or DATA is refused with 552.</summary>
    public int MaxMessageSize { get; set; } = 25 * 1024 * 1024;

    /// <summary>Recipient domains taken; any other recipient is refused with 550.</summary>
    public string[] AcceptedDomains { get; set; } = [];

    /// <summary>The name the listener greets with; empty takes our domain.</summary>
    public string ServerName { get; set; } = "";

    /// <summary>How long a silo may hold a stored mail it is processing before another silo may take it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a silo looks for stored mail it was not told about (mail taken by another silo's listener).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int BatchSize { get; set; } = 16;

    /// <summary>First wait after the handler failed on a mail; doubles per attempt up to <see cref="MaxRetryDelay"/>. The mail is kept.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Deepest MIME nesting parsed; deeper makes the mail "malformed".</summary>
    public int MaxMimeDepth { get; set; } = 32;

    /// <summary>
    /// Mails of one claimed batch handled at once. Mail from one sender stays in order: a batch is split by envelope
    /// sender, and each sender's mails go one after another.
    /// </summary>
    public int Concurrency { get; set; } = 8;
}

/// <summary>The outbox and its sender: "Engagement:Email:Outbox".</summary>
public sealed class OutboxOptions
{
    /// <summary>How long a silo holds the mails it claimed; a killed silo's claims come back after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a silo looks for due mail it was not told about (queued on another silo, or a retry).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Mails claimed at once and sent over one connection.</summary>
    public int BatchSize { get; set; } = 8;

    /// <summary>First wait after a transient failure; doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts before a mail that keeps failing transiently is marked failed (about a day with the defaults).</summary>
    public int MaxAttempts { get; set; } = 30;
}
