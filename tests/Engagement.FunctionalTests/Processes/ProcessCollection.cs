namespace Engagement.FunctionalTests.Processes;

/// <summary>
/// Tests that run silos as real processes (and kill them). They run alone, after the parallel tests: several
/// silo processes plus haproxy fill the 2 cores, and other tests' CPU would only stretch the failovers they wait for.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection
{
    public const string Name = "real processes";
}
