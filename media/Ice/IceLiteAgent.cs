using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Engagement.Media.Stun;

namespace Engagement.Media.Ice;

/// <summary>
/// The ICE-lite side of one peer (RFC 8445 §2.5, §7.3): answers the controlling agent's Binding
/// requests when USERNAME and MESSAGE-INTEGRITY match our credentials, selects the pair the peer
/// nominates, and tracks consent freshness (RFC 7675) from the peer's periodic checks.
/// ICE restart (§9) swaps both sides' credentials while keeping the selected pair until new checks arrive.
/// </summary>
internal sealed class IceLiteAgent
{
    private volatile IceCredentials _local;
    private volatile IceCredentials _remote;
    private byte[] _localPassword;
    private long _lastConsentTimestamp;

    public IceLiteAgent(IceCredentials remote)
    {
        _remote = remote;
        _local = IceCredentials.Generate();
        _localPassword = Encoding.ASCII.GetBytes(_local.Password);
    }

    public IceCredentials Local => _local;
    public IceCredentials Remote => _remote;

    /// <summary>The address media is sent to; null until a check succeeds.</summary>
    public volatile SocketAddress? Selected;

    public bool HasConsent(TimeSpan timeout) =>
        Selected is not null && Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastConsentTimestamp)) < timeout;

    public TimeSpan SinceLastConsent => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastConsentTimestamp));

    /// <summary>New local credentials for an ICE restart; returns the previous local ufrag.</summary>
    public string Restart(IceCredentials remote)
    {
        var old = _local.Ufrag;
        var local = IceCredentials.Generate();
        _localPassword = Encoding.ASCII.GetBytes(local.Password);
        _local = local;
        _remote = remote;
        return old;
    }

    /// <summary>
    /// Handles a Binding request addressed to us; writes the success response to <paramref name="response"/>
    /// and returns its length, or 0 to stay silent (wrong credentials: the request is not for us).
    /// </summary>
    public int HandleBindingRequest(in StunMessage request, SocketAddress from, Span<byte> response)
    {
        var expectedUsername = _local.Ufrag + ":" + _remote.Ufrag;
        if (!request.Username.SequenceEqual(Encoding.ASCII.GetBytes(expectedUsername))) return 0;
        if (!request.VerifyIntegrity(_localPassword)) return 0;
        if (request.HasIceControlled) return 0; // both lite-and-controlled: a role conflict we cannot win (§7.3.1.1)

        Interlocked.Exchange(ref _lastConsentTimestamp, Stopwatch.GetTimestamp());
        if (Selected is null || request.UseCandidate) Selected = from;

        var writer = new StunWriter(response, StunConstants.BindingSuccess, request.TransactionId);
        writer.AddXorMappedAddress(ToEndPoint(from));
        writer.AddMessageIntegrity(_localPassword);
        writer.AddFingerprint();
        return writer.Length;
    }

    private static IPEndPoint ToEndPoint(SocketAddress address) =>
        (IPEndPoint)new IPEndPoint(address.Family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0).Create(address);
}
