using Engagement.LoadTests.Conversations;

namespace Engagement.UnitTests.LoadTool;

/// <summary>The conversation benchmarks' own logic: the generated vocabulary, the search mix and the webhook tally.</summary>
public class ConversationBenchTests
{
    [Fact]
    public void Every_word_of_the_vocabulary_is_distinct_and_a_single_search_word()
    {
        var words = new ZipfWords(20_000);

        var all = Enumerable.Range(0, words.Count).Select(r => words[r]).ToList();

        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(all, w => Assert.Matches("^[a-z]+$", w));
    }

    [Fact]
    public void Words_are_drawn_about_as_often_as_their_rank_says()
    {
        var words = new ZipfWords(50_000);
        var random = new Random(1);
        const int draws = 400_000;

        var first = Enumerable.Range(0, draws).Select(_ => words.Next(random)).GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());

        // Zipf: the most common word about twice as often as the second and ten times as often as the tenth.
        Assert.InRange(first[words[0]] / (double)draws, words.Share(0) * 0.95, words.Share(0) * 1.05);
        Assert.InRange(first[words[0]] / (double)first[words[1]], 1.8, 2.2);
        Assert.InRange(first[words[0]] / (double)first[words[9]], 8.5, 11.5);
        Assert.True(first.GetValueOrDefault(words[45_000]) < 20, "a word far down the ranks is rare");
    }

    [Fact]
    public void The_same_seed_makes_the_same_sentences()
    {
        var words = new ZipfWords(5_000);

        Assert.Equal(words.Sentence(new Random(7), 12), words.Sentence(new Random(7), 12));
        Assert.Equal(12, words.Sentence(new Random(7), 12).Split(' ').Length);
    }

    [Fact]
    public void The_search_mix_sends_each_kind_in_turn_and_only_the_last_as_the_agent()
    {
        var mix = new SearchMix(new ZipfWords(30_000));

        var requests = Enumerable.Range(0, SearchMix.Kinds.Length * 3).Select(i => mix.Next(i, ["q1", "q2"])).ToList();

        Assert.Equal(Enumerable.Repeat(SearchMix.Kinds, 3).SelectMany(k => k), requests.Select(r => r.Kind));
        Assert.All(requests, r => Assert.StartsWith("q=", r.QueryString));
        Assert.All(requests, r => Assert.Equal(r.Kind == "agent, own queue", r.AsAgent));
        Assert.All(requests.Where(r => r.Kind == "phrase"), r => Assert.StartsWith("q=%22", r.QueryString));
        Assert.All(requests.Where(r => r.Kind == "word + queue + status"), r => Assert.Matches("&queue=q[12]&status=open$", r.QueryString));
    }

    [Fact]
    public void The_tally_counts_distinct_event_ids_duplicates_and_the_lag_from_store_to_arrival()
    {
        var tally = new DeliveryTally();
        var stored = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

        tally.Record("msg_s_1_1", stored, stored.AddMilliseconds(10));
        tally.Record("msg_s_1_2", stored, stored.AddMilliseconds(30));
        tally.Record("msg_s_1_1", stored, stored.AddSeconds(2));
        tally.Record("c_1:2:conversation.created", null, stored.AddSeconds(2));

        Assert.Equal(4, tally.Received);
        Assert.Equal(3, tally.Distinct);
        Assert.Equal(1, tally.Duplicates);
        Assert.Equal(3, tally.Lag.Count);
        Assert.InRange(tally.Lag.PercentileMs(50), 29.9, 30.1);
        Assert.InRange(tally.MeanRate, 1.9, 2.1); // 4 arrivals over 1.99 s
        Assert.Equal(2, tally.PeakSecond);
        Assert.Equal(2, tally.ReceivedBetween(stored, stored.AddSeconds(1)));
    }

    [Fact]
    public void The_chat_window_is_read_from_the_timeline_from_its_first_window_second_to_the_end_of_its_last()
    {
        const string csv = """
            utc,second,phase,sent,arrived,delivery_p50_ms,delivery_p99_ms,delivery_max_ms,ack_p99_ms,ack_max_ms,pacer_lag_max_ms,errors
            2026-12-04T18:31:00.250,0,warmup,2000,2000,1.00,2.00,3.00,2.00,3.00,1.00,0
            2026-12-04T18:31:01.250,1,window,2000,2000,1.00,2.00,3.00,2.00,3.00,1.00,0
            2026-12-04T18:31:02.250,2,window,2000,2000,1.00,2.00,3.00,2.00,3.00,1.00,0
            2026-12-04T18:31:03.250,3,drain,0,4,,,,,,,0
            """;

        var window = ChatWindow.Read(csv);

        Assert.Equal(new DateTimeOffset(2026, 12, 4, 18, 31, 1, 250, TimeSpan.Zero), window?.From);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 18, 31, 3, 250, TimeSpan.Zero), window?.To);
        Assert.Null(ChatWindow.Read(csv.Replace("window", "warmup")));
    }
}
