using System.Diagnostics;
using System.Text.Json;
using Engagement.Api.Drain;
using Engagement.Silo;

namespace Engagement.FunctionalTests.Deploy;

/// <summary>
/// Issue 13, item 6: deploy/k8s and the Dockerfile, checked offline. deploy/k8s/check.mjs validates every object
/// against the Kubernetes API schemas (which accept unknown fields, so the fields the node relies on are asserted
/// here by name) and reads the Dockerfile; these tests hold them to the node's own settings.
/// </summary>
public sealed class DeploymentFilesTests
{
    private static readonly Lazy<JsonElement> Check = new(RunCheck);

    [Fact]
    public void Every_manifest_passes_the_Kubernetes_schemas_and_the_Dockerfile_has_its_documented_shape()
    {
        var failures = Results().Where(r => r.GetProperty("status").GetString() == "failed")
            .Select(r => $"{r.GetProperty("file")}: {string.Join("; ", r.GetProperty("problems").EnumerateArray())}").ToList();
        Assert.Empty(failures);
        var checkedKinds = Results().Where(r => r.GetProperty("status").GetString() == "ok").Select(r => r.GetProperty("kind").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "Namespace", "ServiceAccount", "Role", "RoleBinding", "Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "Ingress", "Dockerfile" }, checkedKinds);
    }

    [Fact]
    public void The_pods_carry_what_Orleans_Kubernetes_hosting_reads()
    {
        var pod = Deployment().GetProperty("spec").GetProperty("template");
        var labels = pod.GetProperty("metadata").GetProperty("labels");
        var env = Env(Container());

        foreach (var variable in new[] { "POD_NAME", "POD_NAMESPACE", "POD_IP" }) Assert.True(env.ContainsKey(variable), variable);
        Assert.Equal("metadata.name", FieldRef(env["POD_NAME"]));
        Assert.Equal("metadata.namespace", FieldRef(env["POD_NAMESPACE"]));
        Assert.Equal("status.podIP", FieldRef(env["POD_IP"]));
        Assert.Equal(labels.GetProperty("orleans/serviceId").GetString(), env["ORLEANS_SERVICE_ID"].GetProperty("value").GetString());
        Assert.Equal(labels.GetProperty("orleans/clusterId").GetString(), env["ORLEANS_CLUSTER_ID"].GetProperty("value").GetString());
        Assert.Equal("engagement", pod.GetProperty("spec").GetProperty("serviceAccountName").GetString());
    }

    [Fact]
    public void Probes_use_the_health_endpoints_and_the_grace_period_outlasts_the_drain()
    {
        var container = Container();
        Assert.Equal("/health/ready", container.GetProperty("readinessProbe").GetProperty("httpGet").GetProperty("path").GetString());
        Assert.Equal("/health/live", container.GetProperty("livenessProbe").GetProperty("httpGet").GetProperty("path").GetString());
        Assert.Equal("/health/live", container.GetProperty("startupProbe").GetProperty("httpGet").GetProperty("path").GetString());

        var preStop = container.GetProperty("lifecycle").GetProperty("preStop").GetProperty("exec").GetProperty("command").EnumerateArray().Select(a => a.GetString()).ToArray();
        Assert.Equal("sleep", preStop[0]);
        var drain = new DrainOptions(); // the defaults the manifests do not override
        Assert.DoesNotContain(Env(container).Keys, k => k.StartsWith("Engagement__Drain__", StringComparison.Ordinal));
        var needed = TimeSpan.FromSeconds(int.Parse(preStop[1]!)) + drain.Timeout + drain.HandOff;
        var grace = TimeSpan.FromSeconds(Deployment().GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("terminationGracePeriodSeconds").GetInt32());
        Assert.True(grace > needed, $"terminationGracePeriodSeconds {grace} must exceed preStop + drain timeout + hand-off = {needed}");

        var rolling = Deployment().GetProperty("spec").GetProperty("strategy").GetProperty("rollingUpdate");
        Assert.Equal(0, rolling.GetProperty("maxUnavailable").GetInt32());
        Assert.Equal(1, rolling.GetProperty("maxSurge").GetInt32());
    }

    [Fact]
    public void The_image_and_the_pods_agree_on_ports_user_and_health_check()
    {
        var image = Dockerfile();
        var env = image.GetProperty("env");
        var exposed = image.GetProperty("exposed").EnumerateArray().Select(e => e.GetString()).ToHashSet();
        Assert.Contains($"{env.GetProperty("ASPNETCORE_HTTP_PORTS").GetString()}/tcp", exposed);
        Assert.Contains($"{env.GetProperty("Engagement__Media__Port").GetString()}/udp", exposed);
        Assert.Contains($"{env.GetProperty("Orleans__Endpoints__SiloPort").GetString()}/tcp", exposed);
        Assert.Contains($"{env.GetProperty("Engagement__Telemetry__ManagementPort").GetString()}/tcp", exposed);
        Assert.Contains(HealthCheckCommand.Flag, image.GetProperty("healthcheck").GetString());

        var ports = Container().GetProperty("ports").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p);
        Assert.Equal(env.GetProperty("ASPNETCORE_HTTP_PORTS").GetString(), ports["http"].GetProperty("containerPort").GetInt32().ToString());
        Assert.Equal(env.GetProperty("Orleans__Endpoints__SiloPort").GetString(), ports["orleans"].GetProperty("containerPort").GetInt32().ToString());
        Assert.Equal(env.GetProperty("Engagement__Media__Port").GetString(), ports["media"].GetProperty("containerPort").GetInt32().ToString());
        Assert.Equal("UDP", ports["media"].GetProperty("protocol").GetString());
        Assert.Equal(env.GetProperty("Engagement__Telemetry__ManagementPort").GetString(), ports["metrics"].GetProperty("containerPort").GetInt32().ToString());

        var podSecurity = Deployment().GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("securityContext");
        Assert.True(podSecurity.GetProperty("runAsNonRoot").GetBoolean());
        Assert.Equal(image.GetProperty("user").GetString(), $"{podSecurity.GetProperty("runAsUser").GetInt32()}:{podSecurity.GetProperty("runAsGroup").GetInt32()}");
    }

    private static IEnumerable<JsonElement> Results() => Check.Value.GetProperty("results").EnumerateArray();

    private static JsonElement Dockerfile() => Results().Single(r => r.GetProperty("kind").GetString() == "Dockerfile").GetProperty("object");

    private static JsonElement Deployment() => Results().Single(r =>
        r.GetProperty("kind").GetString() == "Deployment" && r.GetProperty("file").GetString() == "deploy/k8s/deployment.yaml").GetProperty("object");

    private static JsonElement Container() =>
        Assert.Single(Deployment().GetProperty("spec").GetProperty("template").GetProperty("spec").GetProperty("containers").EnumerateArray());

    private static Dictionary<string, JsonElement> Env(JsonElement container) =>
        container.GetProperty("env").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e);

    private static string? FieldRef(JsonElement variable) =>
        variable.GetProperty("valueFrom").GetProperty("fieldRef").GetProperty("fieldPath").GetString();

    private static JsonElement RunCheck()
    {
        var root = RepositoryRoot();
        var script = Path.Combine(root, "deploy", "k8s", "check.mjs");
        Assert.True(Directory.Exists(Path.Combine(root, "deploy", "k8s", "node_modules")),
            "deploy/k8s/node_modules is missing: ./engage test installs it (npm ci in deploy/k8s)");
        var start = new ProcessStartInfo("node", [script, "--json"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "check.mjs did not finish");
        Assert.True(string.IsNullOrWhiteSpace(stderr.Result), stderr.Result);
        return JsonDocument.Parse(stdout.Result).RootElement.Clone();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Engagement.sln"))) return dir.FullName;
        throw new InvalidOperationException("Engagement.sln not found above " + AppContext.BaseDirectory);
    }
}
