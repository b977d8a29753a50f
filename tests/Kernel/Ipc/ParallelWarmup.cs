// Once per test process, a small parallel run, so that one-time runtime warm-up is not charged to a measured run.
using Codezero.Hal.ArmCortexA9.Runner;

namespace Codezero.Tests.Kernel.Ipc;

/// <summary>
/// The first parallel run of a process allocates on its core threads (about 280 KB, runtime warm-up,
/// whatever program runs); every later one allocates nothing. Tests that assert
/// <c>Board.ParallelRunLoopAllocatedBytes == 0</c> call <see cref="Ensure"/> first, so the result does
/// not depend on which test the runner happens to start first.
/// </summary>
internal static class ParallelWarmup
{
    private static readonly object Gate = new();
    private static bool _done;

    public static void Ensure()
    {
        lock (Gate)
        {
            if (_done)
            {
                return;
            }
            using (KernelRun.Boot("hello", cores: 2, RunMode.Parallel).Run())
            {
            }
            _done = true;
        }
    }
}
