namespace Engagement.Media.Tests.Fuzz;

/// <summary>Offers captured from real peers on this machine (Fixtures/), used as fuzz seeds and negotiation inputs.</summary>
internal static class SampleOffers
{
    /// <summary>Chromium 156: sendonly audio+video from getUserMedia, one recvonly audio and one recvonly video.</summary>
    public static string Chromium { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "chromium-offer.sdp"));
}
