using System.Net;
using Engagement.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;

namespace Engagement.FunctionalTests.Deploy;

/// <summary>
/// The silo composed as in a pod (POD_NAME and POD_NAMESPACE in its configuration, as the downward API sets them) and
/// as outside one. Only composed, never started: starting would dial the Kubernetes API.
/// </summary>
public sealed class KubernetesHostingTests
{
    [Fact]
    public void In_a_pod_the_silo_advertises_the_pod_IP_listens_on_every_interface_and_uses_Kubernetes_hosting()
    {
        using var host = Compose(new() { ["POD_NAME"] = "engagement-7d9f-abcde", ["POD_NAMESPACE"] = "engagement", ["POD_IP"] = "10.244.1.17" });

        var endpoints = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        Assert.Equal(IPAddress.Parse("10.244.1.17"), endpoints.AdvertisedIPAddress);
        Assert.Equal(new IPEndPoint(IPAddress.Any, EndpointOptions.DEFAULT_SILO_PORT), endpoints.SiloListeningEndpoint);
        Assert.Equal(0, endpoints.GatewayPort);
        Assert.Contains(host.Services.GetServices<IConfigureOptions<KubernetesHostingOptions>>(), _ => true);
    }

    [Fact]
    public void Outside_a_pod_the_silo_stays_on_loopback_without_Kubernetes_hosting()
    {
        using var host = Compose(new() { ["POD_NAME"] = "only-a-name" }); // both variables are needed

        var endpoints = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        Assert.Equal(IPAddress.Loopback, endpoints.AdvertisedIPAddress);
        Assert.Empty(host.Services.GetServices<IConfigureOptions<KubernetesHostingOptions>>());
    }

    [Fact]
    public void An_operator_set_advertised_address_wins_over_the_pod_IP()
    {
        using var host = Compose(new()
        {
            ["POD_NAME"] = "p", ["POD_NAMESPACE"] = "n", ["POD_IP"] = "10.244.1.17", ["Orleans:Endpoints:AdvertisedIPAddress"] = "192.0.2.9",
        });

        Assert.Equal(IPAddress.Parse("192.0.2.9"), host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.AdvertisedIPAddress);
    }

    [Fact]
    public void A_POD_IP_that_is_not_an_address_is_a_named_configuration_error()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            KubernetesPod.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["POD_NAME"] = "p", ["POD_NAMESPACE"] = "n", ["POD_IP"] = "pod" }).Build()));
        Assert.Contains("POD_IP must be the pod's IP address", ConfigurationErrors.Describe(error));
    }

    private static WebApplication Compose(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["ConnectionStrings:Engagement"] = "Host=127.0.0.1;Port=1;Username=engagement;Database=engagement", // never dialled
        });
        builder.AddEngagementOrleans();
        return builder.Build();
    }
}
