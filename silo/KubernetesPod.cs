using System.Net;
using Microsoft.Extensions.Options;

namespace Engagement.Silo;

/// <summary>
/// The pod this silo runs in, from the downward-API variables of deploy/k8s/engagement.yaml: POD_NAME and POD_NAMESPACE
/// (both set: running in Kubernetes) and POD_IP (what the other silos dial). Null outside a pod.
/// </summary>
public sealed record KubernetesPod(string Name, string Namespace, IPAddress? IP)
{
    public static KubernetesPod? From(IConfiguration configuration)
    {
        if (configuration["POD_NAME"] is not { Length: > 0 } name || configuration["POD_NAMESPACE"] is not { Length: > 0 } ns)
            return null;
        var ip = configuration["POD_IP"];
        if (ip is { Length: > 0 } && !IPAddress.TryParse(ip, out _))
            throw new OptionsValidationException("POD_IP", typeof(string), [$"POD_IP must be the pod's IP address (it is \"{ip}\"); set it from the downward API (status.podIP)."]);
        return new KubernetesPod(name, ns, ip is { Length: > 0 } ? IPAddress.Parse(ip) : null);
    }
}
