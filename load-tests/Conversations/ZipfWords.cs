namespace Engagement.LoadTests.Conversations;

/// <summary>
/// The words of generated messages: a fixed vocabulary drawn with Zipf-like frequencies (the word of rank k about
/// 1/(k+1) as often as the first), as words are in real text, so a search for a common word matches a large part of the
/// store and one for a rare word a few dozen rows. The first ranks are everyday English support words; the rest are
/// made of syllables, numbered by rank (the machine has no word list and the tool needs no download), so every word is
/// distinct and the same rank is the same word on every run. Written here: no package offers this.
/// </summary>
internal sealed class ZipfWords
{
    private static readonly string[] Everyday =
    [
        "the", "i", "to", "you", "a", "and", "my", "is", "it", "for", "order", "of", "in", "can", "please", "we", "on",
        "have", "not", "this", "with", "your", "thanks", "be", "that", "me", "hello", "do", "help", "account", "when",
        "will", "was", "but", "delivery", "payment", "refund", "how", "are", "at", "if", "there", "hi", "would", "from",
        "card", "password", "email", "return", "package", "yes", "no", "address", "invoice", "shipping", "login",
        "price", "today", "tomorrow", "week", "number", "store", "app", "update", "error", "cancel", "change",
        "subscription", "plan", "team", "support", "message", "phone", "size", "color", "item", "items", "received",
        "sent", "still", "waiting", "again", "problem", "issue", "working", "works", "broken", "screen", "page", "link",
        "discount", "code", "coupon", "warranty", "replace", "replacement", "exchange", "tracking", "courier", "late",
        "early", "morning", "evening", "monday", "friday", "weekend", "norway", "germany", "france", "spain", "italy",
        "customer", "agent", "manager", "billing", "charged", "twice", "bank", "transfer", "receipt", "product",
    ];

    private static readonly string[] Syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zu", "pe", "di", "fa", "go", "hi", "ju", "be"];

    private readonly string[] _words;
    private readonly double[] _cumulative;

    /// <param name="vocabulary">How many distinct words (at least as many as the everyday ones).</param>
    /// <param name="exponent">Zipf's exponent: 1 is natural language.</param>
    public ZipfWords(int vocabulary = 50_000, double exponent = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabulary, Everyday.Length);
        _words = [.. Enumerable.Range(0, vocabulary).Select(WordOfRank)];
        _cumulative = new double[vocabulary];
        var sum = 0.0;
        for (var k = 0; k < vocabulary; k++) _cumulative[k] = sum += 1.0 / Math.Pow(k + 1, exponent);
        for (var k = 0; k < vocabulary; k++) _cumulative[k] /= sum;
    }

    public int Count => _words.Length;

    /// <summary>The word of <paramref name="rank"/> (0: the most common).</summary>
    public string this[int rank] => _words[rank];

    /// <summary>The expected share of all words that is the word of <paramref name="rank"/>.</summary>
    public double Share(int rank) => _cumulative[rank] - (rank == 0 ? 0 : _cumulative[rank - 1]);

    /// <summary>A word drawn with its frequency.</summary>
    public string Next(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return _words[Math.Min(index < 0 ? ~index : index, _words.Length - 1)];
    }

    /// <summary>A message of <paramref name="words"/> words.</summary>
    public string Sentence(Random random, int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Next(random)));

    /// <summary>Everyday words first, then syllable words: rank r beyond them is r in base 16, at least three syllables.</summary>
    private static string WordOfRank(int rank)
    {
        if (rank < Everyday.Length) return Everyday[rank];
        var n = rank - Everyday.Length;
        var parts = new Stack<string>();
        do
        {
            parts.Push(Syllables[n % Syllables.Length]);
            n /= Syllables.Length;
        } while (n > 0 || parts.Count < 3);
        return string.Concat(parts);
    }
}
