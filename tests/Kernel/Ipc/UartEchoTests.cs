// uartecho: a user-level PL011 driver on IRQ 37 echoes the board's console input, deterministically, on 1 and 4 cores.
using System.IO;
using System.Text;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Runner;
using Xunit;

namespace Codezero.Tests.Kernel.Ipc;

public sealed class UartEchoTests
{
    private const string Text = "hello, kernel\n";

    private static MemoryStream Input(string text, bool endByte = true)
        => new(Encoding.ASCII.GetBytes(endByte ? text + "\u0004" : text));

    /// <summary>
    /// The root maps UART0 (map kind IO), checks irq_control's error paths (WAIT and RELEASE before
    /// REGISTER, irq 31 and 96, a second REGISTER, WAIT after RELEASE), registers IRQ 37, enables the
    /// receive interrupts and echoes each byte through UARTDR until Ctrl-D. A MemoryStream is read
    /// directly by the UART, so every byte is there from the first poll: one interrupt drains all 14.
    /// </summary>
    [Theory]
    [InlineData(1, RunMode.Deterministic)]
    [InlineData(4, RunMode.Deterministic)]
    [InlineData(4, RunMode.Parallel)]
    public void The_driver_echoes_the_console_input_until_ctrl_d(int cores, RunMode mode)
    {
        if (mode == RunMode.Parallel)
        {
            ParallelWarmup.Ensure();
        }
        using MemoryStream input = Input(Text);
        using KernelRun run = KernelRun.Boot("uartecho", cores, mode, input: input).Run();
        Assert.True(run.ExitStatus == 0 && !run.Output.Contains("FAIL"), run.Describe());
        Assert.Equal(HaltReason.Exit, run.Halt);
        Assert.Contains("uartecho: echoing until Ctrl-D\n" + Text + "uartecho: echoed 14 bytes in 1 interrupt\n", run.Output);
        Assert.Contains("uartecho: all checks passed\n", run.Output);
        Assert.DoesNotContain("\u0004", run.Output);
        Assert.Equal(0, run.Kernel.LiveThreads);
        Assert.Equal(0, run.Board.ParallelRunLoopAllocatedBytes);
        long interrupts = 0;
        for (int core = 0; core < cores; core++)
        {
            interrupts += run.Kernel.Cpu(core).Interrupts;
        }
        Assert.True(interrupts >= 1, "the kernel took no interrupt");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void A_deterministic_echo_repeats_bit_for_bit(int cores)
    {
        ulong first;
        string output;
        using (MemoryStream input = Input(Text))
        using (KernelRun run = KernelRun.Boot("uartecho", cores, input: input).Run())
        {
            Assert.True(run.ExitStatus == 0, run.Describe());
            first = run.Board.TraceHash;
            output = run.Output;
        }
        using (MemoryStream input = Input(Text))
        using (KernelRun run = KernelRun.Boot("uartecho", cores, input: input).Run())
        {
            Assert.Equal(output, run.Output);
            Assert.Equal(first, run.Board.TraceHash);
        }
    }

    /// <summary>Without Ctrl-D the driver waits for an interrupt that cannot come: the board stops with every core asleep.</summary>
    [Fact]
    public void Input_that_ends_without_ctrl_d_leaves_the_driver_waiting_for_its_interrupt()
    {
        using MemoryStream input = Input("abc", endByte: false);
        using KernelRun run = KernelRun.Boot("uartecho", input: input).Run();
        Assert.Equal(HaltReason.Deadlock, run.Halt);
        Assert.Contains("uartecho: echoing until Ctrl-D\nabc", run.Output);
        Assert.DoesNotContain("FAIL", run.Output);
        Assert.Contains("BlockedIrq", run.Kernel.DescribeThreads());
    }
}
