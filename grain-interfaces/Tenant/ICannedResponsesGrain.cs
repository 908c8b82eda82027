namespace Engagement;

/// <summary>The tenant's canned responses. Key: <see cref="GrainKeys.CannedResponses"/>.</summary>
[Alias("engagement.ICannedResponsesGrain")]
public interface ICannedResponsesGrain : IGrainWithStringKey
{
    [Alias("list"), ReadOnly]
    Task<CannedResponse[]> List();

    [Alias("upsert")]
    Task<CannedResponse> Upsert(CannedResponse response);

    [Alias("remove")]
    Task Remove(string id);
}
