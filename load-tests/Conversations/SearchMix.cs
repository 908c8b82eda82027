namespace Engagement.LoadTests.Conversations;

/// <summary>
/// The fixed mix of searches the search benchmark sends, one of each kind in turn. Each kind draws its words from a
/// band of ranks of the generated vocabulary (<see cref="ZipfWords"/>), so what a kind costs does not depend on luck:
/// a rare word matches a few dozen messages, a common one a large share of the store.
/// </summary>
internal sealed class SearchMix(ZipfWords words, int seed = 11)
{
    /// <summary>The kinds, in the order they are sent and reported.</summary>
    public static readonly string[] Kinds = ["rare word", "common word", "two words", "phrase", "word + queue + status", "agent, own queue"];

    private readonly Random _random = new(seed);

    /// <summary>The <paramref name="index"/>-th search: its kind, and the query string of GET /api/search.</summary>
    public SearchRequest Next(long index, IReadOnlyList<string> queues)
    {
        var kind = Kinds[(int)(index % Kinds.Length)];
        lock (_random)
        {
            return kind switch
            {
                "rare word" => new(kind, Query(Word(20_000, words.Count))),
                "common word" => new(kind, Query(Word(0, 20))),
                "two words" => new(kind, Query($"{Word(50, 500)} {Word(50, 500)}")),
                "phrase" => new(kind, Query($"\"{Word(0, 30)} {Word(0, 30)}\"")),
                "word + queue + status" => new(kind, Query(Word(100, 2_000)) + $"&queue={Uri.EscapeDataString(queues[_random.Next(queues.Count)])}&status=open"),
                _ => new(kind, Query(Word(100, 2_000)), AsAgent: true),
            };
        }
    }

    private string Word(int fromRank, int toRank) => words[_random.Next(fromRank, Math.Min(toRank, words.Count))];

    private static string Query(string q) => "q=" + Uri.EscapeDataString(q);
}

/// <summary>One search: its kind, the query string, and whether the agent (who serves one queue) sends it.</summary>
internal sealed record SearchRequest(string Kind, string QueryString, bool AsAgent = false);
