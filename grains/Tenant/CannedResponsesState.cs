namespace Engagement.Tenant;

/// <summary>Persisted canned responses of the tenant.</summary>
[GenerateSerializer, Alias("engagement.canned-responses-state")]
public sealed class CannedResponsesState
{
    [Id(0)] public List<CannedResponse> Responses { get; set; } = [];
}
