namespace Engagement.Api.Endpoints.Workspace;

/// <summary>A visitor's rating: CSAT 1–5, NPS 0–10 (optional), a comment (optional, ≤ 1,000 characters).</summary>
public sealed record RateSessionRequest(int Csat, int? Nps, string? Comment);

/// <summary>A private note on a session (1–4,000 characters).</summary>
public sealed record AddNoteRequest(string? Text);
