namespace Engagement.Media.Tests.Fuzz;

/// <summary>Runs a fuzz body on a worker with a deadline so a hang fails the test instead of stalling the run.</summary>
internal static class Bounded
{
    public static void Run(Action body, int seconds = 120)
    {
        var task = Task.Run(body);
        if (!task.Wait(TimeSpan.FromSeconds(seconds))) throw new TimeoutException("parser did not finish: possible hang");
    }
}
