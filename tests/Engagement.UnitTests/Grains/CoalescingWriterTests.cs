using Engagement.Common;

namespace Engagement.UnitTests.Grains;

public class CoalescingWriterTests
{
    [Fact]
    public async Task Writes_requested_during_a_write_share_one_following_write()
    {
        var gates = new List<TaskCompletionSource>();
        var writer = new CoalescingWriter(() =>
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            gates.Add(gate);
            return gate.Task;
        });
        var first = writer.WriteAsync();
        var second = writer.WriteAsync();
        var third = writer.WriteAsync();
        Assert.Same(second, third);
        Assert.Single(gates);
        gates[0].SetResult();
        await first;
        Assert.False(second.IsCompleted);
        await WaitUntil(() => gates.Count == 2);
        gates[1].SetResult();
        await second;
        Assert.Equal(2, gates.Count);
    }

    [Fact]
    public async Task A_failed_write_fails_only_its_own_callers()
    {
        var calls = 0;
        var writer = new CoalescingWriter(() => ++calls == 1 ? Task.FromException(new InvalidOperationException("disk")) : Task.CompletedTask);
        await Assert.ThrowsAsync<InvalidOperationException>(writer.WriteAsync);
        await writer.WriteAsync();
        Assert.Equal(2, calls);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }
}
