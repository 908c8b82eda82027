using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Engagement.FunctionalTests.Web;

/// <summary>
/// axe-core (Deque.AxeCore.Playwright) on a page as it is at that moment, the widget's open shadow root included:
/// the front ends have no serious or critical violation. Moderate and minor findings are not failures.
/// </summary>
public static class Accessibility
{
    public static async Task ExpectNoSeriousViolationsAsync(IPage page, string state)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe-core, {state}:\n" + string.Join("\n", serious.Select(Describe)));
    }

    private static string Describe(AxeResultItem violation) =>
        $"- {violation.Impact} {violation.Id}: {violation.Help}\n" +
        string.Join("\n", violation.Nodes.Take(5).Select(n =>
            $"    {n.Target} {n.Html} — {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}"));
}
