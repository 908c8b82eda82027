using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Engagement.Webhooks;

/// <summary>
/// The SSRF rule, applied twice: when a subscription is saved (its URL must be http or https and its host must
/// not be, or resolve to, an address <see cref="TargetAddresses"/> refuses) and again on every connection, in
/// <see cref="ConnectAsync"/>, which connects only to addresses the rule allows. So a name that resolved to a
/// public address when saved and to a private one later (DNS rebinding) is still refused.
/// </summary>
public sealed class WebhookTargetGuard(IOptions<WebhookOptions> options)
{
    /// <summary>Longest wait for a name to resolve when a subscription is saved.</summary>
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    private bool AllowPrivate => options.Value.AllowPrivateTargets;

    /// <summary>Why <paramref name="url"/> may not be a webhook target, or null if it may.</summary>
    public async Task<string?> RefusalOfAsync(string url, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return "url must be an absolute http:// or https:// URL.";
        if (uri.UserInfo.Length > 0)
            return "url must not carry a user name or password (it is shown to every admin); authenticate the sender by its signature.";
        if (AllowPrivate) return null;

        IPAddress[] addresses;
        if (IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal)) addresses = [literal];
        else
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ResolveTimeout);
            try
            {
                addresses = await Dns.GetHostAddressesAsync(uri.IdnHost, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return $"url's host '{uri.Host}' does not resolve.";
            }
        }
        if (addresses.Length == 0) return $"url's host '{uri.Host}' does not resolve.";
        foreach (var address in addresses)
        {
            if (TargetAddresses.RefusedKind(address) is { } kind)
                return $"url's host '{uri.Host}' is or resolves to a {kind} address ({address}); webhooks reach public addresses only.";
        }
        return null;
    }

    /// <summary>
    /// The webhook client's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host, keeps the addresses the
    /// rule allows and connects to the first that answers; none allowed fails the attempt.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var resolved = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        var allowed = AllowPrivate ? resolved : Array.FindAll(resolved, a => TargetAddresses.RefusedKind(a) is null);
        if (allowed.Length == 0)
        {
            var refused = resolved.Length == 0 ? "no address" : $"a {TargetAddresses.RefusedKind(resolved[0])} address ({resolved[0]})";
            throw new HttpRequestException($"Refused target: {endpoint.Host} resolves to {refused}; webhooks reach public addresses only.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
