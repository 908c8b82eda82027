namespace Engagement.LoadTests.Chat;

// The parts of the product's JSON (docs/protocol.md) the load tool reads beyond what the .NET client
// (clients/dotnet) already declares. Declared here rather than referenced from the product so the tool talks
// to the server exactly as an outside client does.

internal sealed record SessionViewDto(string SessionId, string Status);

internal sealed record SessionOfferDto(string SessionId);

internal sealed record AgentStatusDto(string AgentId, string Presence, int Connections, string[] ActiveSessions, SessionOfferDto[] PendingOffers);
