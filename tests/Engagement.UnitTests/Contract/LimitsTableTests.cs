using System.Reflection;
using System.Text.RegularExpressions;

namespace Engagement.UnitTests.Contract;

/// <summary>
/// docs/protocol.md's Limits table says exactly what <see cref="Limits"/> holds: every row's numbers are the
/// constants named for it, in order, and every constant is in some row.
/// </summary>
public sealed partial class LimitsTableTests
{
    /// <summary>Each row of the table (its first cell) and the constants its limit cell states, in order.</summary>
    private static readonly Dictionary<string, string[]> Rows = new()
    {
        ["ids (session, queue, agent, customer, skill, request, invitation, canned response, rule)"] = [nameof(One), nameof(Limits.Id)],
        ["message text, note text, canned response text"] = [nameof(One), nameof(Limits.MessageText)],
        ["`clientMessageId`, `requestId`"] = [nameof(One), nameof(Limits.ClientMessageId)],
        ["attributes and traits: per call; a customer keeps in all"] = [nameof(Limits.Attributes), nameof(Limits.AttributesPerCustomer)],
        ["attribute and trait keys / values"] = [nameof(One), nameof(Limits.AttributeKey), nameof(Limits.AttributeValue)],
        ["a page, URL, referrer or photo URL / a page title"] = [nameof(Limits.Url), nameof(Limits.Title)],
        ["`timeZone` (an IANA id)"] = [nameof(Limits.TimeZone)],
        ["`topic` / `outcome`"] = [nameof(Limits.Topic), nameof(Limits.Outcome)],
        ["skills of a session, agent or queue / queues of an agent"] = [nameof(Limits.Skills), nameof(Limits.Queues)],
        ["names: display names, queue and rule names, agent and canned response titles, event and signal names"] = [nameof(One), nameof(Limits.Name)],
        ["email / password"] = [nameof(Limits.Email), nameof(Limits.PasswordMin), nameof(Limits.PasswordMax)],
        ["agent capacity"] = [nameof(Limits.CapacityMin), nameof(Limits.CapacityMax)],
        ["an agent's calls at once (`callCapacity`)"] = [nameof(One), nameof(Limits.CallCapacityMax)],
        ["agents in one session: the assigned agent, members and invites under way"] = [nameof(Limits.SessionAgents)],
        ["transcript page (`limit`)"] = [nameof(One), nameof(Limits.TranscriptPage), nameof(Limits.TranscriptPageDefault)],
        ["messages in one join reply (StartSession, JoinSession, AcceptOffer, AnswerInvitation)"] = [nameof(Limits.JoinPage)],
        ["`csat` / `nps`"] = [nameof(Limits.CsatMin), nameof(Limits.CsatMax), nameof(Limits.NpsMin), nameof(Limits.NpsMax)],
        ["rating comment"] = [nameof(Limits.Comment)],
        ["notes per session or conversation"] = [nameof(Limits.Notes)],
        ["invitation message, from an agent or a proactive rule"] = [nameof(One), nameof(Limits.InvitationMessage)],
        ["properties of a tracked event / values of a context signal"] = [nameof(Limits.EventProperties)],
        ["context signals per POST"] = [nameof(One), nameof(Limits.SignalsPerBatch)],
        ["SDP offer (`CallOffer`, WHIP, WHEP)"] = [nameof(Limits.Sdp)],
        ["canned responses / a shortcut"] = [nameof(Limits.CannedResponses), nameof(One), nameof(Limits.CannedShortcut)],
        ["widget texts: header name, greeting title, start button label / greeting, offline and closed texts"] = [nameof(Limits.WidgetHeading), nameof(Limits.WidgetText)],
        ["a conversation's subject"] = [nameof(Limits.Subject)],
        ["an attachment (bytes) / attachments on one message / an attachment's file name"] =
            [nameof(One), nameof(Limits.AttachmentBytes), nameof(One), nameof(Limits.AttachmentsPerMessage), nameof(Limits.AttachmentFileName)],
        ["labels on a conversation / a label"] = [nameof(Limits.Labels), nameof(One), nameof(Limits.Label)],
        ["messages in a conversation's thread (`GetConversation`)"] = [nameof(Limits.ThreadMessages)],
        ["search words (`q`), in the inbox and the contacts list"] = [nameof(One), nameof(Limits.SearchText)],
        ["conversations in one inbox page, messages in one search (`limit`)"] = [nameof(One), nameof(Limits.InboxPage), nameof(Limits.InboxPageDefault)],
        ["a queue's retention (`retentionDays`)"] = [nameof(Limits.RetentionDaysMin), nameof(Limits.RetentionDaysMax)],
        ["a queue's business hours: opening spans / holidays"] = [nameof(Limits.OpeningSpans), nameof(Limits.Holidays)],
        ["a skill level (an agent's, or asked by a queue or routing step)"] = [nameof(One), nameof(Limits.SkillLevelMax)],
        ["a queue's routing: priority or a rule's boost / priority rules / aging per minute / steps"] =
            [nameof(Limits.Priority), nameof(Limits.PriorityRules), nameof(Limits.AgingPerMinute), nameof(Limits.RoutingSteps)],
        ["a queue's SLA policy: priority bands"] = [nameof(Limits.SlaBands)],
        ["waiting sessions listed in one `queueWaiting`"] = [nameof(Limits.WaitingListed)],
        ["a pre-chat form: custom fields / options of a select field / the consent text"] =
            [nameof(Limits.PreChatFields), nameof(One), nameof(Limits.PreChatOptions), nameof(One), nameof(Limits.ConsentText)],
        ["contacts in one page of the contacts list (`limit`)"] = [nameof(One), nameof(Limits.ContactsPage), nameof(Limits.ContactsPageDefault)],
        ["a report's interval / an hourly series' interval (days)"] = [nameof(Limits.ReportDays), nameof(Limits.ReportHourlyDays)],
        ["audit entries in one page (`limit`)"] = [nameof(One), nameof(Limits.AuditPage), nameof(Limits.AuditPageDefault)],
        ["proactive rules / a rule's `pagePattern`"] = [nameof(Limits.ProactiveRules), nameof(Limits.RulePagePattern)],
        ["hub frame: one JSON message with its record separator"] = [nameof(Limits.HubFrameBytes)],
        ["REST request body"] = [nameof(Limits.RestBodyBytes)],
    };

    /// <summary>Stands for the lower bound 1 of "1–N" ranges (not a limit of its own).</summary>
    private const int One = 1;

    private static readonly List<string[]> Table =
        RepositoryFiles.TableAfter(RepositoryFiles.Read("docs/protocol.md"), "## Limits");

    [Fact]
    public void Every_row_states_the_values_of_its_constants()
    {
        foreach (var row in Table)
        {
            Assert.True(Rows.TryGetValue(row[0], out var names), $"docs/protocol.md, Limits: the row '{row[0]}' is not checked here");
            Assert.True(names.Select(Value).SequenceEqual(NumbersIn(row[1])),
                $"'{row[0]}' says '{row[1]}'; Limits holds {string.Join(", ", names.Select(n => $"{n} = {Value(n)}"))}");
        }
    }

    [Fact]
    public void Every_limit_is_in_the_table()
    {
        var documented = Table.SelectMany(row => Rows.GetValueOrDefault(row[0]) ?? []).ToHashSet();
        var constants = typeof(Limits).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => f.Name);

        var undocumented = constants.Where(c => !documented.Contains(c)).ToList();
        var missingRows = Rows.Keys.Where(k => !Table.Any(row => row[0] == k)).ToList();
        Assert.True(undocumented.Count == 0, $"not in docs/protocol.md, Limits: {string.Join(", ", undocumented)}");
        Assert.True(missingRows.Count == 0, $"rows gone from docs/protocol.md, Limits: {string.Join("; ", missingRows)}");
    }

    private static int Value(string name) => name == nameof(One)
        ? One
        : (int)typeof(Limits).GetField(name)!.GetRawConstantValue()!;

    /// <summary>The numbers in a limit cell, without code spans (`A–Z a–z 0–9`) and links.</summary>
    private static IEnumerable<int> NumbersIn(string cell)
    {
        var text = CodeOrLink().Replace(cell, "");
        return Number().Matches(text).Select(m => int.Parse(m.Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"`[^`]*`|\]\([^)]*\)")]
    private static partial Regex CodeOrLink();

    [GeneratedRegex(@"\d{1,3}(,\d{3})+|\d+")]
    private static partial Regex Number();
}
