using System.Text.Json;
using Engagement.LoadTests.Measurement;

namespace Engagement.LoadTests.Context;

/// <summary>What a context benchmark run measured, printed and written as JSON.</summary>
/// <param name="Superseded">Readings overtaken by the next reading for the same customer before their own push arrived (the screen showed the newer one).</param>
/// <param name="Lost">Measured readings whose push never arrived.</param>
internal sealed record ContextResult(
    int Sessions, int Agents, int TargetRate, double AchievedRate, double MeasuredSeconds, int Cores,
    long Posted, long HttpErrors, long Delivered, long Superseded, long Lost,
    LatencySummary SignalToScreen, LatencySummary HttpAccept)
{
    public void Print(TextWriter output)
    {
        output.WriteLine($"context: {Sessions} live sessions, {Agents} agents, {TargetRate} signals/s target, {AchievedRate:F0}/s posted, {MeasuredSeconds:F0} s measured, {Cores} cores");
        output.WriteLine($"  posted {Posted:N0}  delivered {Delivered:N0}  superseded {Superseded:N0}  lost {Lost:N0}  http errors {HttpErrors:N0}");
        output.WriteLine($"  device signal → agent screen: {SignalToScreen}");
        output.WriteLine($"  POST accepted (202):          {HttpAccept}");
    }

    public async Task WriteJsonAsync(string path)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
    }
}
