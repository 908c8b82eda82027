namespace Engagement.Api.Endpoints.CannedResponses;

/// <summary>A canned response to create or replace. On create, <see cref="Id"/> is optional (generated "cr_…").</summary>
public sealed record CannedResponseRequest(string? Id, string? Shortcut, string? Title, string? Text);
