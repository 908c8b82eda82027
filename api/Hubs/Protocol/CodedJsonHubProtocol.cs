using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Engagement.Api.Hubs.Protocol;

/// <summary>
/// SignalR's JSON hub protocol, with an error code on every failure it reports (docs/protocol.md, Errors). The
/// protocol itself answers arguments it cannot bind and unknown methods with an uncoded message, and closes the
/// connection on a frame over the size limit or one that is not JSON. Here an unbindable argument answers
/// <c>invalid</c> naming it, an unknown method <c>unknown_method</c> (both keep the connection), and the close
/// after a frame that is too big or broken carries <c>too_large</c> or <c>invalid</c>.
/// </summary>
internal sealed class CodedJsonHubProtocol(IOptions<JsonHubProtocolOptions> options) : IHubProtocol
{
    private readonly JsonHubProtocol _json = new(options);

    public string Name => _json.Name;

    public int Version => _json.Version;

    public TransferFormat TransferFormat => _json.TransferFormat;

    public bool IsVersionSupported(int version) => _json.IsVersionSupported(version);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _json.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _json.GetMessageBytes(message);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        var received = input;
        bool parsed;
        try
        {
            parsed = _json.TryParseMessage(ref input, new CodedBinder(binder), out message);
        }
        catch (Exception e) when (e is not HubException)
        {
            // The connection closes (SignalR cannot tell where the next message starts); the close says why.
            throw new HubException($"{ErrorCodes.Invalid}: a frame is not a SignalR JSON message ({e.Message}); the connection is closed.");
        }

        // SignalR hands over at most the frame limit; no complete message in that much means the frame is bigger.
        if (!parsed && received.Length >= Limits.HubFrameBytes)
            throw new HubException($"{ErrorCodes.TooLarge}: a frame is at most {Limits.HubFrameBytes:N0} bytes; the connection is closed.");

        if (message is InvocationBindingFailureMessage { BindingFailure.SourceException: not HubException } failure)
        {
            var frame = received.Slice(0, received.Length - input.Length - 1); // without the record separator
            var explained = ArgumentErrors.Explain(frame, failure.Target, binder.GetParameterTypes(failure.Target), options.Value.PayloadSerializerOptions);
            message = new InvocationBindingFailureMessage(failure.InvocationId, failure.Target, ExceptionDispatchInfo.Capture(new HubException(explained)));
        }
        return parsed;
    }

    /// <summary>Gives an unknown method its code; everything else is the hub's own binder.</summary>
    private sealed class CodedBinder(IInvocationBinder inner) : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName)
        {
            try
            {
                return inner.GetParameterTypes(methodName);
            }
            catch (HubException)
            {
                // "Method does not exist" is SignalR's own wording, which clients written before the code match on.
                throw new HubException($"{ErrorCodes.UnknownMethod}: Method does not exist on this hub: '{methodName}'.");
            }
        }

        public Type GetReturnType(string invocationId) => inner.GetReturnType(invocationId);

        public Type GetStreamItemType(string streamId) => inner.GetStreamItemType(streamId);

        public string? GetTarget(ReadOnlySpan<byte> utf8Bytes) => inner.GetTarget(utf8Bytes);
    }
}
