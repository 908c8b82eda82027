namespace Engagement.Customers;

/// <summary>
/// The customer's visit to the website, derived from presence on the web channel: when it started, the page and
/// since when, reported one-way to the visitors-on-site board, and what starts or ends a visit for the
/// proactive rules. A visit ends when presence on the web goes offline (after the reconnect grace).
/// </summary>
internal sealed partial class CustomerGrain
{
    private const string WebChannel = "web";
    private DateTimeOffset? _visitStart;
    private string? _visitPage;
    private DateTimeOffset _pageSince;
    private long _siteVersion;
    private IGrainTimer? _siteRefreshTimer;

    private ISiteVisitorsGrain SiteVisitors => GrainFactory.GetSiteVisitors();

    private ChannelPresence? WebPresence => _channels.GetValueOrDefault(WebChannel) is { Status: not CustomerPresence.Offline } web ? web : null;

    /// <summary>Called by <see cref="PublishPresence"/> whenever presence changed.</summary>
    private void AfterPresenceChanged()
    {
        if (WebPresence is { } web)
        {
            var arrived = _visitStart is null;
            if (arrived)
            {
                _visitStart = Now;
                _firedRules.Clear();
                _siteRefreshTimer ??= this.RegisterGrainTimer(RefreshSiteVisitorAsync,
                    new GrainTimerCreationOptions(contextOptions.Value.SiteVisitorRefresh, contextOptions.Value.SiteVisitorRefresh));
            }
            if (arrived || web.CurrentPage != _visitPage)
            {
                _visitPage = web.CurrentPage;
                _pageSince = Now;
            }
            ReportSiteVisitor();
            if (arrived) PublishContext(); // onSiteSince
            ScheduleRuleCheck(TimeSpan.Zero);
        }
        else if (_visitStart is not null)
        {
            _visitStart = null;
            _visitPage = null;
            _siteRefreshTimer?.Dispose();
            _siteRefreshTimer = null;
            CancelRuleCheck();
            _siteVersion = _versions.Next();
            SiteVisitors.VisitorLeft(Id, _siteVersion).Ignore();
            PublishContext();
        }
    }

    /// <summary>Name, known-ness or sessions changed: the board and the agents' context panels show them.</summary>
    private void AfterDetailsChanged()
    {
        if (_visitStart is not null) ReportSiteVisitor();
        PublishContext();
    }

    private void ReportSiteVisitor()
    {
        _siteVersion = _versions.Next();
        if (SiteVisitorNow() is { } visitor) SiteVisitors.VisitorChanged(visitor).Ignore();
    }

    /// <summary>The same entry again (same version): lets a board that lost its memory fill up, and keeps it from expiring us.</summary>
    private Task RefreshSiteVisitorAsync(CancellationToken cancellationToken)
    {
        if (SiteVisitorNow() is { } visitor) SiteVisitors.VisitorChanged(visitor).Ignore();
        return Task.CompletedTask;
    }

    private SiteVisitor? SiteVisitorNow() =>
        _visitStart is { } since && WebPresence is { } web
            ? new SiteVisitor(Id, S.Attributes.GetValueOrDefault("name"), S.IsKnown, web.Status, web.CurrentPage, web.PageTitle,
                since, _pageSince, S.OpenSessionIds.Count > 0, _siteVersion)
            : null;
}
