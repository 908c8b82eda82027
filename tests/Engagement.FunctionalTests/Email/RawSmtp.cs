using System.Net.Sockets;
using System.Text;

namespace Engagement.FunctionalTests.Email;

/// <summary>
/// SMTP by hand over a socket, for what MailKit will not send: a MAIL FROM with a SIZE over the server's limit, a
/// message larger than the advertised SIZE, bytes that are not MIME. Each command returns the server's reply code and text.
/// </summary>
public sealed class RawSmtp : IAsyncDisposable
{
    private readonly TcpClient client;
    private readonly NetworkStream stream;
    private readonly StreamReader reader;

    private RawSmtp(TcpClient client)
    {
        this.client = client;
        stream = client.GetStream();
        reader = new StreamReader(stream, Encoding.ASCII);
    }

    public static async Task<RawSmtp> ConnectAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var smtp = new RawSmtp(client);
        var (code, text) = await smtp.ReadReplyAsync();
        if (code != 220) throw new InvalidOperationException($"greeting {code} {text}");
        await smtp.CommandAsync("EHLO test.example");
        return smtp;
    }

    public async Task<(int Code, string Text)> CommandAsync(string line)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
        return await ReadReplyAsync();
    }

    /// <summary>
    /// DATA with <paramref name="message"/> (dot-stuffed here) and the final dot, then the reply. A server that answers
    /// and closes before taking everything may reset the connection under the write; the reply is still read if it came.
    /// </summary>
    public async Task<(int Code, string Text)> DataAsync(byte[] message)
    {
        var (code, text) = await CommandAsync("DATA");
        if (code != 354) return (code, text);
        var stuffed = Encoding.Latin1.GetString(message).Replace("\r\n.", "\r\n..", StringComparison.Ordinal);
        try
        {
            await stream.WriteAsync(Encoding.Latin1.GetBytes(stuffed + "\r\n.\r\n"));
        }
        catch (IOException)
        {
            // Read what the server said before it closed.
        }
        return await ReadReplyAsync();
    }

    /// <summary>One reply, all its lines ("250-…" continues, "250 …" ends); code 0 when the server closed without one.</summary>
    private async Task<(int Code, string Text)> ReadReplyAsync()
    {
        var text = new StringBuilder();
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync();
            }
            catch (IOException)
            {
                line = null;
            }
            if (line is null) return (0, text.Length > 0 ? text.ToString() : "connection closed");
            text.Append(line.Length > 4 ? line[4..] : "").Append('\n');
            if (line.Length < 4 || line[3] == ' ') return (int.Parse(line[..3]), text.ToString().Trim());
        }
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }
}
