using System.Net;
using System.Net.Sockets;
using System.Text;
using CsCheck;
using Engagement.Media.Sdp;
using Engagement.Media.Stun;
using Engagement.Media.Tests.Fuzz;

namespace Engagement.Media.Tests.Units;

/// <summary>The node's UDP port seen from the network: ICE-lite checks over real sockets, and garbage that must not stop it.</summary>
public sealed class UdpPortTests : IDisposable
{
    private readonly IMediaEngine _engine = MediaEngine.Start(new MediaEngineOptions { BindAddress = IPAddress.Loopback });
    private readonly UdpClient _client = new(new IPEndPoint(IPAddress.Loopback, 0));

    [Fact]
    public async Task A_check_with_the_right_credentials_gets_an_authenticated_response_with_our_address()
    {
        var (ufrag, pwd) = await JoinAsync();
        var response = await CheckAsync($"{ufrag}:{OfferUfrag}", pwd);
        Assert.NotNull(response);
        Assert.Equal(StunParseError.None, StunMessage.TryParse(response, out var message));
        Assert.Equal(StunConstants.BindingSuccess, message.Type);
        Assert.True(message.VerifyIntegrity(Encoding.ASCII.GetBytes(pwd)));
        var mapped = StunAddress.DecodeXorMapped(message.Raw.Slice(message.XorMappedAddressOffset, message.XorMappedAddressLength), message.TransactionId);
        Assert.Equal(_client.Client.LocalEndPoint, mapped);
    }

    [Fact]
    public async Task Checks_with_a_wrong_password_or_username_get_no_answer()
    {
        var (ufrag, _) = await JoinAsync();
        Assert.Null(await CheckAsync($"{ufrag}:{OfferUfrag}", "not-the-password-at-all!"));
        Assert.Null(await CheckAsync($"{ufrag}:someone", "whatever"));
    }

    [Fact]
    public async Task Random_datagrams_do_not_stop_the_port()
    {
        var (ufrag, pwd) = await JoinAsync();
        Assert.NotNull(await CheckAsync($"{ufrag}:{OfferUfrag}", pwd)); // binds our address: garbage now reaches DTLS and SRTP paths
        var target = _engine.LocalEndPoint;
        Gen.Byte.Array[1, 1400].Sample(bytes => { _client.Send(bytes, bytes.Length, target); }, iter: 5_000, threads: 1);
        Assert.NotNull(await CheckAsync($"{ufrag}:{OfferUfrag}", pwd));
        Assert.True(_engine.GetStats().PacketsReceived >= 5_000);
    }

    private static string OfferUfrag => SdpParser.Parse(SampleOffers.Chromium).IceCredentials!.Value.Ufrag;

    private async Task<(string Ufrag, string Pwd)> JoinAsync()
    {
        var answer = SdpParser.Parse(await _engine.CreateRoom("r").JoinAsync("a", SampleOffers.Chromium));
        return (answer.Media[0].IceUfrag!, answer.Media[0].IcePwd!);
    }

    private async Task<byte[]?> CheckAsync(string username, string password)
    {
        var buffer = new byte[256];
        var transactionId = Guid.NewGuid().ToByteArray()[..12];
        var writer = new StunWriter(buffer, StunConstants.BindingRequest, transactionId);
        writer.AddAttribute(StunConstants.AttrUsername, Encoding.ASCII.GetBytes(username));
        writer.AddUInt32(StunConstants.AttrPriority, 0x6E0001FF);
        writer.AddUInt64(StunConstants.AttrIceControlling, 0x1234);
        writer.AddFlag(StunConstants.AttrUseCandidate);
        writer.AddMessageIntegrity(Encoding.ASCII.GetBytes(password));
        writer.AddFingerprint();
        await _client.SendAsync(buffer.AsMemory(0, writer.Length), _engine.LocalEndPoint);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            while (true)
            {
                var result = await _client.ReceiveAsync(timeout.Token);
                if (result.Buffer.Length >= 20 && result.Buffer.AsSpan(8, 12).SequenceEqual(transactionId)) return result.Buffer;
            }
        }
        catch (OperationCanceledException)
        {
            return null; // silence is the expected answer to a check that is not for us
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _engine.Dispose();
    }
}
