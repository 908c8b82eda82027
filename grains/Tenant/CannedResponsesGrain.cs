namespace Engagement.Tenant;

/// <summary>The tenant's canned responses (a small list, held whole in one grain). Shortcuts are unique.</summary>
[GrainType("canned-responses")]
internal sealed class CannedResponsesGrain(
    [PersistentState("canned", "store")] IPersistentState<CannedResponsesState> state) : Grain, ICannedResponsesGrain
{
    private List<CannedResponse> Responses => state.State.Responses;

    public Task<CannedResponse[]> List() =>
        Task.FromResult(Responses.OrderBy(r => r.Shortcut, StringComparer.Ordinal).ToArray());

    public async Task<CannedResponse> Upsert(CannedResponse response)
    {
        var valid = CannedResponseRules.Validate(response);
        if (Responses.Any(r => r.Id != valid.Id && r.Shortcut == valid.Shortcut))
            throw EngagementException.Conflict($"Another canned response already uses the shortcut '/{valid.Shortcut}'.");
        var index = Responses.FindIndex(r => r.Id == valid.Id);
        if (index >= 0)
        {
            if (Responses[index] == valid) return valid;
            Responses[index] = valid;
        }
        else
        {
            if (Responses.Count >= Limits.CannedResponses)
                throw EngagementException.Conflict($"At most {Limits.CannedResponses} canned responses are kept; remove one first.");
            Responses.Add(valid);
        }
        await state.WriteStateAsync();
        return valid;
    }

    public async Task Remove(string id)
    {
        if (Responses.RemoveAll(r => r.Id == id) == 0) throw EngagementException.NotFound($"Canned response '{id}'");
        await state.WriteStateAsync();
    }
}
