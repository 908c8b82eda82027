namespace Engagement;

/// <summary>
/// Every size limit on client input, in one place: the API validates with these and the grains check them
/// again, so the two cannot drift. docs/protocol.md (Limits) lists them, and a test compares that table with
/// this class. Lengths count UTF-16 code units (.NET's and JavaScript's string length).
/// </summary>
public static class Limits
{
    /// <summary>Ids (session, queue, agent, customer, skill, request): 1 to this many of A–Z a–z 0–9 _ -.</summary>
    public const int Id = 64;

    /// <summary>A message's text after trimming (also a note's and a canned response's text).</summary>
    public const int MessageText = 4_000;

    public const int ClientMessageId = 64;

    /// <summary>Attributes (and identify's traits) merged by one call, and each key's and value's length.</summary>
    public const int Attributes = 50;
    public const int AttributeKey = 64;
    public const int AttributeValue = 1_000;

    /// <summary>Attributes a customer keeps in all (calls that would add more are refused).</summary>
    public const int AttributesPerCustomer = 100;

    /// <summary>A page (the visitor's path or URL, a referrer, a photo URL) and a page title.</summary>
    public const int Url = 2_048;
    public const int Title = 512;

    /// <summary>An IANA time zone id (SetTimeZone, context signals).</summary>
    public const int TimeZone = 64;

    public const int Topic = 200;
    public const int Outcome = 64;

    /// <summary>Skills of a session, an agent or a queue; queues an agent serves.</summary>
    public const int Skills = 20;
    public const int Queues = 50;

    /// <summary>
    /// A name or short title: a person's or queue's display name, an agent's title, a canned response's title, a
    /// proactive rule's name, a tracked event's or context signal's name.
    /// </summary>
    public const int Name = 100;
    public const int Email = 254;
    public const int PasswordMin = 8;
    public const int PasswordMax = 128;

    /// <summary>Concurrent sessions an agent takes.</summary>
    public const int CapacityMin = 1;
    public const int CapacityMax = 50;

    /// <summary>Calls an agent takes part in at once (each in its own session).</summary>
    public const int CallCapacityMax = 5;

    /// <summary>Agents in one session at once: the assigned agent and the colleagues it invited (members and invites pending).</summary>
    public const int SessionAgents = 4;

    /// <summary>A transcript page asked for with GetTranscript or REST (<c>limit</c>).</summary>
    public const int TranscriptPage = 200;

    /// <summary>The REST transcript's page size when <c>limit</c> is left out.</summary>
    public const int TranscriptPageDefault = 50;

    /// <summary>Messages one join reply carries (StartSession, JoinSession, AcceptOffer, AnswerInvitation); the rest is paged.</summary>
    public const int JoinPage = 500;

    public const int CsatMin = 1;
    public const int CsatMax = 5;
    public const int NpsMin = 0;
    public const int NpsMax = 10;
    public const int Comment = 1_000;

    /// <summary>Private notes a session keeps, and likewise a conversation.</summary>
    public const int Notes = 200;

    /// <summary>An invitation's message, whether an agent or a proactive rule writes it.</summary>
    public const int InvitationMessage = 500;

    /// <summary>Properties of a tracked event and values of a context signal.</summary>
    public const int EventProperties = 20;

    /// <summary>Context signals in one POST.</summary>
    public const int SignalsPerBatch = 100;

    /// <summary>An SDP offer (a browser's audio and video offer is 5–15 KB).</summary>
    public const int Sdp = 64 * 1024;

    public const int CannedResponses = 500;
    public const int CannedShortcut = 32;

    /// <summary>The visitor widget's short texts (header name, greeting title, start button label) and its longer ones (greeting, offline and closed texts).</summary>
    public const int WidgetHeading = 60;
    public const int WidgetText = 300;

    /// <summary>A conversation's subject (an email's subject line, an offline message's topic).</summary>
    public const int Subject = 200;

    /// <summary>Labels on one conversation, and each label's length (letters, digits, '-', '_', lower-cased).</summary>
    public const int Labels = 20;
    public const int Label = 32;

    /// <summary>The newest messages a conversation's thread carries (its own and its episodes', merged).</summary>
    public const int ThreadMessages = 500;

    /// <summary>A full-text search's words (<c>q</c>).</summary>
    public const int SearchText = 200;

    /// <summary>Conversations one inbox page lists (<c>limit</c>), and messages one search returns.</summary>
    public const int InboxPage = 100;

    /// <summary>An inbox page's size when <c>limit</c> is left out.</summary>
    public const int InboxPageDefault = 50;

    /// <summary>A queue's retention period, in days.</summary>
    public const int RetentionDaysMin = 1;
    public const int RetentionDaysMax = 3_650;

    /// <summary>A queue's business hours: opening spans in a week, and holidays.</summary>
    public const int OpeningSpans = 28;
    public const int Holidays = 100;

    /// <summary>A queue's pre-chat form: custom fields, a select field's options, and the consent checkbox's text.</summary>
    public const int PreChatFields = 10;
    public const int PreChatOptions = 20;
    public const int ConsentText = 500;

    /// <summary>Contacts in one page of the contacts list (<c>limit</c>); the default when it is left out.</summary>
    public const int ContactsPage = 100;
    public const int ContactsPageDefault = 50;

    /// <summary>Entries in one page of the audit log (<c>limit</c>); the default when it is left out.</summary>
    public const int AuditPage = 200;
    public const int AuditPageDefault = 50;

    /// <summary>An attachment's size in bytes (under the REST body limit with its multipart framing), files on one message, a file name's length.</summary>
    public const int AttachmentBytes = 10 * 1024 * 1024;
    public const int AttachmentsPerMessage = 10;
    public const int AttachmentFileName = 255;

    /// <summary>A skill's level on an agent, and the level a queue or routing step asks for.</summary>
    public const int SkillLevelMax = 10;

    /// <summary>A queue's routing policy: its priority and a rule's boost, priority rules, aging points per minute, relaxation steps.</summary>
    public const int Priority = 1_000;
    public const int PriorityRules = 20;
    public const int AgingPerMinute = 100;
    public const int RoutingSteps = 10;

    /// <summary>A queue's SLA policy: priority bands with targets of their own.</summary>
    public const int SlaBands = 10;

    /// <summary>Waiting sessions a queue's live list (<c>queueWaiting</c>) carries; the rest are counted only.</summary>
    public const int WaitingListed = 50;

    /// <summary>A report's interval (<c>from</c> to <c>to</c>), in days; an hourly series' interval, in days.</summary>
    public const int ReportDays = 366;
    public const int ReportHourlyDays = 31;

    public const int ProactiveRules = 50;
    public const int RulePagePattern = 200;

    /// <summary>
    /// The largest hub frame (one JSON message, in bytes) the server reads; a bigger one closes the connection.
    /// Every call within the limits above fits however its JSON escapes characters (at most 6 bytes per code
    /// unit: an SDP of <see cref="Sdp"/> is 393,216 bytes at worst), so an over-long value in a frame below
    /// this gets a <c>too_large</c> answer and the connection stays.
    /// </summary>
    public const int HubFrameBytes = 512 * 1024;

    /// <summary>
    /// The largest REST request body, in bytes; a bigger one is answered 413 <c>too_large</c>. Like a hub frame, it
    /// holds any request within the limits above however escaped (a full batch of signals: about 12.8 MB at worst).
    /// </summary>
    public const int RestBodyBytes = 16 * 1024 * 1024;
}
