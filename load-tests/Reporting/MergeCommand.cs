using System.CommandLine;

namespace Engagement.LoadTests.Reporting;

/// <summary>
/// <c>merge --out merged.json a.json b.json ...</c>: reports of one run whose load was shared by several machines (or
/// generator processes) merged into one, from their HdrHistogram logs (each report's .hlog must lie beside it).
/// </summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var reports = new Argument<string[]>("reports") { Description = "Report JSON files written with --report (their .hlog beside them)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "The merged report (JSON; the HTML and .hlog are written beside it)", Required = true };
        var command = new Command("merge", "Merge the reports of generators that shared one run's load (e.g. from several machines) into one result.") { reports, output };
        command.SetAction(async (parse, _) =>
        {
            var merged = await ReportMerge.MergeFilesAsync(parse.GetValue(reports)!, parse.GetValue(output)!);
            Console.WriteLine($"merged {merged.Generators} generators: delivery {merged.Delivery}");
            Console.WriteLine($"report: {Path.ChangeExtension(parse.GetValue(output)!, ".html")}");
            return 0;
        });
        return command;
    }
}
