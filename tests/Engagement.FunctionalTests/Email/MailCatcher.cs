using System.Diagnostics;
using System.Net.Sockets;
using Engagement.FunctionalTests.Infrastructure;
using Engagement.LoadTests.Cluster;
using Engagement.Media.Tests;
using MimeKit;

namespace Engagement.FunctionalTests.Email;

/// <summary>
/// A real SMTP server process on 127.0.0.1 for outbound mail: Debian's aiosmtpd (python3-aiosmtpd, installed by
/// <c>./engage test</c>) with its stock Maildir handler, the same catcher <c>./engage up</c> runs. Each message it
/// accepts becomes a file in its Maildir's new/ folder, which the test reads back with MimeKit; aiosmtpd adds the
/// envelope as X-MailFrom and X-RcptTo headers.
/// </summary>
public sealed class MailCatcher : IAsyncDisposable
{
    private readonly Process process;
    private readonly string maildir;

    private MailCatcher(Process process, string maildir, int port) => (this.process, this.maildir, Port) = (process, maildir, port);

    public int Port { get; }

    /// <summary>Starts the catcher on <paramref name="port"/> (a free one when null) and waits until it accepts connections.</summary>
    public static async Task<MailCatcher> StartAsync(int? port = null)
    {
        var chosen = port ?? FreePorts.One();
        var logs = ProcessLogs.NewFolder($"mail-catcher-{chosen}");
        var maildir = Path.Combine(logs, "Maildir");
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{chosen}", "-c", "aiosmtpd.handlers.Mailbox", maildir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd");
        var log = File.CreateText(Path.Combine(logs, "aiosmtpd.log"));
        log.AutoFlush = true;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var catcher = new MailCatcher(process, maildir, chosen);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"aiosmtpd exited with {process.ExitCode} (is python3-aiosmtpd installed? ./engage test installs it); log in {logs}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", chosen);
                return catcher;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(maildir, "new");
        if (!Directory.Exists(folder)) return [];
        return Directory.GetFiles(folder)
            .Select(f => (File: f, Time: File.GetLastWriteTimeUtc(f)))
            .OrderBy(f => f.Time).ThenBy(f => f.File, StringComparer.Ordinal)
            .Select(f => MimeMessage.Load(f.File))
            .ToList();
    }

    /// <summary>The first message received that matches.</summary>
    public async Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match, string what) =>
        (await Eventually.Until(() => Task.FromResult(Messages().FirstOrDefault(match)), m => m is not null, what))!;

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
