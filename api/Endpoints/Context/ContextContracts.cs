using System.Text.Json;

namespace Engagement.Api.Endpoints.Context;

/// <summary>POST /api/context/{customerId}/signals: 1–100 signals.</summary>
public sealed record SignalBatchRequest(List<SignalInput?>? Signals);

/// <summary>
/// One signal as posted. <see cref="Kind"/> is read as text so an unknown kind gets a clear message;
/// values may be JSON strings, numbers or booleans (devices send numbers) and are kept as text.
/// </summary>
public sealed record SignalInput(string? Kind, string? Name, Dictionary<string, JsonElement>? Values, DateTimeOffset? At);

/// <summary>The reply: how many signals were accepted (all of them; a batch is all or nothing).</summary>
public sealed record SignalsAccepted(int Accepted);
