// The smallest program on the kernel: a root thread that prints through console_write and exits.
using Codezero.Hal.ArmCortexA9.Cpu;
using Xunit;

namespace Codezero.Tests.Kernel.Programs;

public sealed class HelloTests
{
    [Fact]
    public void Hello_prints_its_thread_id_and_the_core_count_and_exits_zero()
    {
        using KernelRun run = KernelRun.Boot("hello").Run();
        Assert.True(run.ExitStatus == 0, run.Describe());
        Assert.Contains("hello from thread 0x01", run.Output);
    }
}
