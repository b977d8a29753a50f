// The test collection of every allocation test: GC counts are process-wide, so these run alone.
using Xunit;

namespace Codezero.Tests.Kernel;

/// <summary>
/// Allocation tests compare <c>GC.CollectionCount</c> before and after a run; a test allocating in a
/// parallel collection meanwhile would trip them, so every class that measures joins this collection,
/// which xunit runs with nothing beside it (tests/Hal uses it too).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "Allocation";
}
