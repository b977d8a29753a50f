// The kernel's reports (fault stops with symbol and container, division by zero, never-started threads) allocate nothing.
using Xunit;

namespace Codezero.Tests.Kernel.Diagnostics;

[Collection(AllocationCollection.Name)]
public sealed class ReportAllocationTests
{
    /// <summary>
    /// faulting stops two threads with reports naming their functions; divzero takes division-by-zero
    /// faults and ends with a report; unstarted ends a container, naming its never-started threads. All
    /// of it runs inside kernel entries, where nothing may allocate: the lookups are binary searches over
    /// arrays made at boot and the lines are formatted into stack buffers.
    /// </summary>
    [Theory]
    [InlineData("faulting", 0, " in faulting.elf), address ")]
    [InlineData("divzero", 134, "stopped: division by zero at pc ")]
    [InlineData("unstarted", 0, "kernel: unstarted.elf ended; 2 threads it created never started: ")]
    public void A_run_whose_reports_name_functions_and_containers_allocates_nothing_after_boot(string program, int status, string report)
    {
        AllocationMeasure.AssertAllocatesNothing(
            () => KernelRun.Boot(program, cores: 2),
            run =>
            {
                Assert.True(run.ExitStatus == status, run.Describe());
                Assert.Contains(report, run.Output);
            });
    }
}
