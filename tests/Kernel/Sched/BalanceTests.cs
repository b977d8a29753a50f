// Balancing: a thread preempted on a busy core is taken by an idle core rather than waiting there.
using Codezero.Hal.ArmCortexA9.Runner;
using Xunit;

namespace Codezero.Tests.Kernel.Sched;

public sealed class BalanceTests
{
    /// <summary>
    /// guests/l4/balance.c: A is preempted on core 0 by H, which then holds core 0 (up to 100 slices) while
    /// every other core is idle; A must count meanwhile, so an idle core must have taken it.
    /// </summary>
    [Theory]
    [InlineData(2, RunMode.Deterministic)]
    [InlineData(4, RunMode.Deterministic)]
    [InlineData(4, RunMode.Parallel)]
    public void A_preempted_thread_moves_to_an_idle_core(int cores, RunMode mode)
    {
        using KernelRun run = KernelRun.Boot("balance", cores, mode).Run();
        Assert.True(run.ExitStatus == 0 && !run.Output.Contains("FAIL"), run.Describe());
        Assert.Contains("balance: A counted ", run.Output);
        Assert.True(run.Kernel.Migrations > 0, "no thread was taken from another core's queue");
    }
}
