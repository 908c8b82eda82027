using System.Diagnostics;
using Engagement.LoadTests.Api;

namespace Engagement.LoadTests.Routing;

/// <summary>One of the benchmark's queues: the skill it asks for, its share of the arriving visitors and its routing policy.</summary>
internal sealed record QueuePlan(string QueueId, string Skill, double Share, QueueRouting? Routing, string Policy);

/// <summary>One benchmark agent: 1–3 skills with levels, the queues of those skills, a capacity.</summary>
internal sealed record AgentPlan(string AgentId, string[] Skills, IReadOnlyDictionary<string, int> Levels, string[] Queues, int Capacity);

/// <summary>
/// The routing benchmark's world, made from a seed so every run sets up the same: five queues, one skill each, three of
/// them with a routing policy (VIP priority rules, a skill level relaxed by steps, aging, any agent after a wait); agents
/// with a primary skill (spread evenly over the queues), up to two more, and a level of 1–5 in each; visitors spread
/// over the queues by share, every tenth one a VIP. It also holds the tool's reading of the policies it defined —
/// which agent may take a session that has waited so long — used to tell whether an agent that freed up had work.
/// </summary>
internal sealed class RoutingScenario
{
    /// <summary>The server reaches a step on its queue's tick (every 250 ms); the tool counts a step as reached only this much later.</summary>
    public static readonly TimeSpan StepGrace = TimeSpan.FromMilliseconds(500);

    public const string VipAttribute = "plan";
    public const string VipValue = "vip";

    private readonly Dictionary<string, QueuePlan> _queues;

    public RoutingScenario(string tag, int agents, int capacity, int seed)
    {
        Tag = tag;
        Queues =
        [
            new($"rq-{tag}-general", "general", 0.30, null, "default (arrival order, any level)"),
            new($"rq-{tag}-billing", "billing", 0.20, new QueueRouting(PriorityRules: [new QueuePriorityRule(VipAttribute, VipValue, 100)]),
                "VIP +100 priority"),
            new($"rq-{tag}-tech", "tech", 0.20, new QueueRouting(SkillLevel: 3, Steps:
                [new QueueRoutingStep(TimeSpan.FromSeconds(2), SkillLevel: 2), new QueueRoutingStep(TimeSpan.FromSeconds(5), SkillLevel: 1)]),
                "level 3, level 2 after 2 s, level 1 after 5 s"),
            new($"rq-{tag}-sales", "sales", 0.15, new QueueRouting(PriorityRules: [new QueuePriorityRule(VipAttribute, VipValue, 50)], AgingPerMinute: 60),
                "VIP +50 priority, aging 60/min"),
            new($"rq-{tag}-returns", "returns", 0.15, new QueueRouting(SkillLevel: 2, Steps: [new QueueRoutingStep(TimeSpan.FromSeconds(3), AnyAgent: true)]),
                "level 2, any agent after 3 s"),
        ];
        _queues = Queues.ToDictionary(q => q.QueueId, StringComparer.Ordinal);
        var random = new Random(seed);
        Agents = Enumerable.Range(0, agents).Select(i => MakeAgent(tag, i, capacity, random)).ToArray();
    }

    /// <summary>Part of every id this run creates, so runs against the same server never meet.</summary>
    public string Tag { get; }

    public QueuePlan[] Queues { get; }

    public AgentPlan[] Agents { get; }

    public QueuePlan Queue(string queueId) => _queues[queueId];

    private AgentPlan MakeAgent(string tag, int index, int capacity, Random random)
    {
        // The primary skill goes round the queues, so each has a fifth of the agents; then 0–2 more skills at random.
        var skills = new List<string> { Queues[index % Queues.Length].Skill };
        var extra = random.Next(3);
        foreach (var queue in Queues.OrderBy(_ => random.Next()))
        {
            if (skills.Count > extra) break;
            if (!skills.Contains(queue.Skill)) skills.Add(queue.Skill);
        }
        var levels = skills.ToDictionary(s => s, _ => random.Next(1, 6), StringComparer.Ordinal);
        var queues = Queues.Where(q => skills.Contains(q.Skill)).Select(q => q.QueueId).ToArray();
        return new AgentPlan($"ra-{tag}-{index}", [.. skills], levels, queues, capacity);
    }

    /// <summary>The queue of the <paramref name="index"/>-th visitor: the shares laid out evenly over every 20 visitors.</summary>
    public QueuePlan QueueOfVisitor(int index)
    {
        var slot = (index % 20 + 0.5) / 20;
        var cumulative = 0.0;
        foreach (var queue in Queues)
        {
            cumulative += queue.Share;
            if (slot < cumulative) return queue;
        }
        return Queues[^1];
    }

    public static bool IsVip(int visitorIndex) => visitorIndex % 10 == 0;

    /// <summary>
    /// Whether the queue would let <paramref name="agent"/> take one of its sessions that has waited <paramref name="waited"/>:
    /// the agent serves the queue, and has the queue's skill at the level its policy asks after the steps reached
    /// (each counted <see cref="StepGrace"/> late), or a step has opened it to any agent.
    /// </summary>
    public static bool CanServe(AgentPlan agent, QueuePlan queue, TimeSpan waited)
    {
        if (!agent.Queues.Contains(queue.QueueId)) return false;
        var level = queue.Routing?.SkillLevel ?? 1;
        foreach (var step in queue.Routing?.Steps ?? [])
        {
            if (waited < step.After + StepGrace) break;
            if (step.AnyAgent == true) return true;
            level = step.SkillLevel ?? level;
        }
        return agent.Levels.TryGetValue(queue.Skill, out var has) && has >= level;
    }

    /// <summary>As <see cref="CanServe(AgentPlan, QueuePlan, TimeSpan)"/>, with the wait in Stopwatch ticks.</summary>
    public static bool CanServe(AgentPlan agent, QueuePlan queue, long waitedTicks) =>
        CanServe(agent, queue, TimeSpan.FromSeconds((double)waitedTicks / Stopwatch.Frequency));
}
