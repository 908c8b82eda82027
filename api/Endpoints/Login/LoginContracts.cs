namespace Engagement.Api.Endpoints.Login;

public sealed record LoginRequest(string? Email, string? Password);

/// <summary>A signed-in staff member and the token for the agent hub and staff endpoints.</summary>
public sealed record LoginResponse(string AgentId, StaffRole Role, string Name, string Token, DateTimeOffset ExpiresAt);
