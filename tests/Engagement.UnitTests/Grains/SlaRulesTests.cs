using Engagement.Sessions;

namespace Engagement.UnitTests.Grains;

/// <summary>A queue's SLA policy (bands by priority, validation) and the session's clocks (due times in open time, the view).</summary>
public class SlaRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero); // a Monday
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static readonly SlaPolicy Policy = new(FirstResponse: 5 * Minute, NextResponse: 10 * Minute, Resolution: 60 * Minute, Bands:
    [
        new SlaBand(100, FirstResponse: 2 * Minute),
        new SlaBand(500, FirstResponse: Minute, Resolution: 30 * Minute),
    ]);

    [Fact]
    public void The_highest_band_a_priority_reaches_applies_and_leaves_the_rest_to_the_policy()
    {
        Assert.Equal(new SlaTargets(5 * Minute, 10 * Minute, 60 * Minute), SlaPolicyRules.TargetsFor(Policy, 0));
        Assert.Equal(new SlaTargets(2 * Minute, 10 * Minute, 60 * Minute), SlaPolicyRules.TargetsFor(Policy, 499));
        Assert.Equal(new SlaTargets(Minute, 10 * Minute, 30 * Minute), SlaPolicyRules.TargetsFor(Policy, 1000));
    }

    [Fact]
    public void A_policy_out_of_range_or_without_targets_is_invalid()
    {
        void Invalid(SlaPolicy policy, bool hours = false, string code = ErrorCodes.Invalid) =>
            Assert.Equal(code, Assert.Throws<EngagementException>(() => SlaPolicyRules.Validate(policy, hours)).Code);
        Invalid(new SlaPolicy());
        Invalid(new SlaPolicy(FirstResponse: TimeSpan.FromMilliseconds(500)));
        Invalid(new SlaPolicy(Resolution: SlaPolicy.MaxTarget + Minute));
        Invalid(new SlaPolicy(FirstResponse: Minute, BusinessHoursOnly: true));
        Invalid(new SlaPolicy(FirstResponse: Minute, Bands: [new SlaBand(10)]));
        Invalid(new SlaPolicy(FirstResponse: Minute, Bands: [new SlaBand(-1, Minute)]));
        Invalid(new SlaPolicy(FirstResponse: Minute, Bands: [new SlaBand(10, Minute), new SlaBand(10, Minute)]));
        Invalid(new SlaPolicy(FirstResponse: Minute, Bands: [.. Enumerable.Range(0, Limits.SlaBands + 1).Select(i => new SlaBand(i, Minute))]), code: ErrorCodes.TooLarge);

        var valid = SlaPolicyRules.Validate(new SlaPolicy(FirstResponse: Minute, BusinessHoursOnly: true, Bands: [new SlaBand(50, Minute), new SlaBand(5, Minute)]), true);
        Assert.Equal([5, 50], valid.Bands!.Select(b => b.MinPriority));
    }

    [Fact]
    public void A_clock_is_due_after_its_target_and_at_risk_when_a_quarter_remains()
    {
        var sla = new SlaState { Targets = new SlaTargets(4 * Minute, null, 60 * Minute) };
        var clock = SlaClocks.Start(sla, SlaKind.FirstResponse, T0)!;
        Assert.Equal((T0 + 4 * Minute, T0 + 3 * Minute), (clock.DueAt, clock.AtRiskAt));
        Assert.Null(SlaClocks.Start(sla, SlaKind.FirstResponse, T0 + Minute)); // already runs
        Assert.Null(SlaClocks.Start(sla, SlaKind.NextResponse, T0));           // no target
        SlaClocks.Start(sla, SlaKind.Resolution, T0);
        Assert.Equal(T0 + 3 * Minute, SlaClocks.NextEvent(sla));

        var view = SlaClocks.ViewOf(sla, T0 + 5 * Minute)!;
        Assert.Equal((SlaKind.FirstResponse, true, false), (view.Kind, view.Breached, view.Paused));
        var stopped = SlaClocks.Stop(sla, SlaKind.FirstResponse)!;
        Assert.True(SlaClocks.LateUnrecorded(stopped, T0 + 5 * Minute));
        Assert.Equal(SlaKind.Resolution, SlaClocks.ViewOf(sla, T0 + 5 * Minute)!.Kind);
    }

    [Fact]
    public void With_business_hours_only_the_clock_pauses_while_the_queue_is_closed()
    {
        // Open 09:00–10:05 UTC on Mondays and Tuesdays: a 10-minute target started at 10:00 Monday is due 09:05 Tuesday.
        var hours = new BusinessHours("UTC", [new OpeningHours(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(10, 5)), new OpeningHours(DayOfWeek.Tuesday, new TimeOnly(9, 0), new TimeOnly(10, 5))], []);
        var sla = new SlaState { Targets = new SlaTargets(10 * Minute, null, null), Hours = hours };
        var clock = SlaClocks.Start(sla, SlaKind.FirstResponse, T0)!;
        Assert.Equal(T0.AddDays(1).AddMinutes(-55), clock.DueAt);
        Assert.True(SlaClocks.ViewOf(sla, T0 + 30 * Minute)!.Paused);
        Assert.False(SlaClocks.ViewOf(sla, T0 + Minute)!.Paused);
    }
}
