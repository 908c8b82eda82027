using System.Net;
using Engagement.Media.Hosting;

namespace Engagement.Media.Tests.Units;

/// <summary>The operator's "Engagement:Media" settings: a key left out keeps the engine's own default.</summary>
public sealed class MediaSettingsTests
{
    [Fact]
    public void Unset_keys_keep_the_engine_defaults() =>
        Assert.Equal(new MediaEngineOptions(), new MediaSettings().ToOptions());

    [Fact]
    public void Set_keys_override_them()
    {
        var options = new MediaSettings
        {
            BindAddress = "0.0.0.0", Port = 15080, AdvertisedAddress = "192.0.2.7", PublisherBitrate = 150_000, SimulatedVideoLoss = 0.05,
        }.ToOptions();

        Assert.Equal(IPAddress.Any, options.BindAddress);
        Assert.Equal(15080, options.Port);
        Assert.Equal(IPAddress.Parse("192.0.2.7"), options.AdvertisedAddress);
        Assert.Equal(150_000, options.PublisherBitrate);
        Assert.Equal(0.05, options.SimulatedVideoLoss);
        Assert.Equal(new MediaEngineOptions().ConsentTimeout, options.ConsentTimeout);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public void Binding_every_interface_without_an_advertised_address_is_a_named_problem(string bind)
    {
        var problem = Assert.Single(new MediaSettings { BindAddress = bind }.Problems());
        Assert.StartsWith("Engagement:Media:AdvertisedAddress must be set when BindAddress is " + bind, problem);
        Assert.Empty(new MediaSettings { BindAddress = bind, AdvertisedAddress = "192.0.2.7" }.Problems());
        Assert.Empty(new MediaSettings { BindAddress = "10.0.0.5" }.Problems());
    }
}
