// A container's quantity pools: how many of each kernel object it may allocate.
namespace Codezero.Containers;

public sealed class PoolSizes
{
    public const int DefaultThreads = 16, DefaultSpaces = 4, DefaultMutexes = 16, DefaultMapPages = 64, DefaultCaps = 64;

    /// <summary>The largest value of any pool (the thread id format's slot limit).</summary>
    public const int MaxPool = 4095;

    /// <summary>Threads, the pager's own included (at least 1).</summary>
    public int Threads { get; init; } = DefaultThreads;

    /// <summary>Address spaces, the pager's own included (at least 1).</summary>
    public int Spaces { get; init; } = DefaultSpaces;

    public int Mutexes { get; init; } = DefaultMutexes;

    /// <summary>Second-level page tables.</summary>
    public int MapPages { get; init; } = DefaultMapPages;

    /// <summary>New capabilities made by replicate and split.</summary>
    public int Caps { get; init; } = DefaultCaps;
}
