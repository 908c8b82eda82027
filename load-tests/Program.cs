// The load tester's tool; commands arrive with the load-tests work (see docs/benchmarks.md).
Console.Error.WriteLine("usage: Engagement.LoadTests <command>; no commands are built yet.");
return 2;
