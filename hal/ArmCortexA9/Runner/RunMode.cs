// How the board's cores share the host: interleaved on one thread, or one host thread each.
namespace Codezero.Hal.ArmCortexA9.Runner;

public enum RunMode
{
    /// <summary>One host thread interleaves the cores in fixed quanta of emulated cycles; runs repeat bit for bit.</summary>
    Deterministic,

    /// <summary>One host thread per core; cores race as on hardware.</summary>
    Parallel,
}
