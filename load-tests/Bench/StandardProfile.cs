using System.CommandLine;
using System.Globalization;
using Engagement.LoadTests.Measurement;

namespace Engagement.LoadTests.Bench;

/// <summary>
/// The runs of <c>bench relay</c> and <c>bench chat</c>: a max-throughput run, then an open-loop run at <c>--rate</c>.
/// The max run goes first because it also brings the server's JIT to steady state, so the open-loop run measures
/// latency, not the backlog a cold server builds up in its first seconds. <c>--only</c> keeps one of them.
/// </summary>
internal sealed class StandardProfile
{
    /// <summary>The rate option of the measuring commands, with its default, for the open-loop run.</summary>
    private readonly Option<double> _rate = new LoadOptions().Rate;

    private readonly Option<string?> _only = new("--only") { Description = "Only the open-loop run (rate) or only the max-throughput run (max)" };

    public StandardProfile() => _only.AcceptOnlyFromAmong("rate", "max");

    public void AddTo(Command command)
    {
        command.Options.Add(_rate);
        command.Options.Add(_only);
    }

    /// <summary>The options as given, to hand them on to <c>bench relay</c> and <c>bench chat</c> (from <c>bench all</c>).</summary>
    public IEnumerable<string> Arguments(ParseResult parse)
    {
        yield return "--rate";
        yield return parse.GetValue(_rate).ToString(CultureInfo.InvariantCulture);
        if (parse.GetValue(_only) is { } only)
        {
            yield return "--only";
            yield return only;
        }
    }

    /// <summary>Each run's label (it names the summary file) and the arguments that set its rate.</summary>
    public IReadOnlyList<(string Label, string[] Rate)> Runs(ParseResult parse)
    {
        var only = parse.GetValue(_only);
        var runs = new List<(string, string[])>();
        if (only != "rate") runs.Add(("max", ["--rate", "0"]));
        if (only != "max") runs.Add(("rate", ["--rate", parse.GetValue(_rate).ToString(CultureInfo.InvariantCulture)]));
        return runs;
    }
}
