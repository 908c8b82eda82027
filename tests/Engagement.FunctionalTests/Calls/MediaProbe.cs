using System.Text.Json;
using Microsoft.Playwright;

namespace Engagement.FunctionalTests.Calls;

/// <summary>
/// Reads what the product's own pages (widget, workspace) do with media, without touching their code: an init
/// script wraps <c>RTCPeerConnection</c> so the test can see each connection the page opens, the node its latest
/// answer names (the answer's one host candidate) and its inbound streams per SSRC. The call panel's data
/// attributes are sampled once a second; this is read on demand, so a failover can be timed to a fraction of that.
/// </summary>
public static class MediaProbe
{
    private const string InitScript = """
        (() => {
          const Native = window.RTCPeerConnection;
          if (!Native || window.__engagementProbe) return;
          const all = [];
          class Probed extends Native {
            constructor(...args) { super(...args); all.push(this); }
            setRemoteDescription(description, ...rest) {
              if (description && description.sdp) this.__answer = description.sdp;
              return super.setRemoteDescription(description, ...rest);
            }
          }
          window.RTCPeerConnection = Probed;
          window.__engagementProbe = {
            async read() {
              const pc = [...all].reverse().find((p) => p.connectionState !== 'closed');
              if (!pc) return JSON.stringify({ nodePort: 0, connection: 'none', inbound: [] });
              const candidate = /^a=candidate:\S+ \d+ \S+ \d+ (\S+) (\d+) typ /m.exec(pc.__answer || '');
              const inbound = [];
              (await pc.getStats()).forEach((s) => {
                if (s.type === 'inbound-rtp') inbound.push({ kind: s.kind, ssrc: s.ssrc, framesDecoded: s.framesDecoded || 0,
                  samplesReceived: s.totalSamplesReceived || 0, packetsReceived: s.packetsReceived || 0 });
              });
              return JSON.stringify({ nodePort: candidate ? Number(candidate[2]) : 0, connection: pc.connectionState, inbound });
            },
          };
        })();
        """;

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Installs the probe in every page the context opens from now on.</summary>
    public static Task InstallAsync(IBrowserContext context) => context.AddInitScriptAsync(InitScript);

    /// <summary>The page's newest open peer connection, or an empty reading when it has none.</summary>
    public static async Task<PageMedia> ReadAsync(IPage page) =>
        JsonSerializer.Deserialize<PageMedia>(await page.EvaluateAsync<string>("() => window.__engagementProbe.read()"), Json)!;
}

/// <param name="NodePort">The UDP port of the node whose answer the connection applied last (0: none yet).</param>
/// <param name="Connection">RTCPeerConnection.connectionState ("none" without a connection).</param>
public sealed record PageMedia(int NodePort, string Connection, InboundStream[] Inbound)
{
    /// <summary>
    /// Video frames decoded (audio: samples received) since <paramref name="before"/> on streams that did not exist
    /// then. A room on another node forwards under SSRCs of its own, so these came through the new room only.
    /// </summary>
    public long NewSince(PageMedia before, string kind) => Inbound
        .Where(s => s.Kind == kind && before.Inbound.All(b => b.Ssrc != s.Ssrc))
        .Sum(s => kind == "video" ? s.FramesDecoded : s.SamplesReceived);

    public long Total(string kind) => Inbound.Where(s => s.Kind == kind).Sum(s => kind == "video" ? s.FramesDecoded : s.SamplesReceived);

    public override string ToString() => $"node port {NodePort}, {Connection}, inbound [{string.Join("; ", Inbound.Select(s => s.ToString()))}]";
}

public sealed record InboundStream(string Kind, long Ssrc, long FramesDecoded, long SamplesReceived, long PacketsReceived);
