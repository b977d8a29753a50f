// Reports that list threads show each thread's real pc, with the function and container it is in.
using System;
using System.Text.RegularExpressions;
using Codezero.Hal.ArmCortexA9.Boot;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Runner;
using Xunit;

namespace Codezero.Tests.Kernel.Diagnostics;

public sealed class ThreadReportTests
{
    /// <summary>
    /// spin's root loops in spin() for ever: at the instruction limit it is the thread a core runs, its
    /// registers live in the core. The listing must show a pc inside spin (not _start, the entry point
    /// its saved context still held), named spin+0x.. in spin.elf.
    /// </summary>
    [Theory]
    [InlineData(GuestBuild.Arm, RunMode.Deterministic)]
    [InlineData(GuestBuild.Thumb, RunMode.Deterministic)]
    [InlineData(GuestBuild.Arm, RunMode.Parallel)]
    public void A_thread_running_at_the_instruction_limit_is_listed_at_its_real_pc_in_its_function(GuestBuild build, RunMode mode)
    {
        using KernelRun run = KernelRun.Boot("spin", cores: 2, mode, build: build).Run(maxInstructions: 200_000);
        Assert.Equal(HaltReason.InstructionLimit, run.Halt);
        string threads = run.Kernel.DescribeThreads();

        Match line = Regex.Match(threads, @"thread 0x01001001 Running .* pc 0x([0-9a-f]{8}) \((.*)\)");
        Assert.True(line.Success, threads);
        uint pc = Convert.ToUInt32(line.Groups[1].Value, 16);
        ElfSymbols symbols = ElfImage.Parse(System.IO.File.ReadAllBytes(KernelRun.L4Elf("spin", build)), "spin.elf").Symbols;
        Assert.True(symbols.TryFind(pc, out int index) && symbols.Name(index) == "spin", $"pc 0x{pc:x8} is not in spin\n{threads}");
        Assert.Equal($"{symbols.Describe(pc)} in spin.elf", line.Groups[2].Value);
    }

    [Fact]
    public void A_blocked_thread_is_listed_at_the_pc_it_resumes_at()
    {
        using KernelRun run = KernelRun.Boot("uartecho", cores: 1).Run(maxInstructions: 5_000_000);
        string threads = run.Kernel.DescribeThreads();
        Assert.Matches(@"thread 0x01001001 BlockedIrq .* pc 0x[0-9a-f]{8} \(l4_irq_control\+0x[0-9a-f]+ in uartecho.elf\)", threads);
    }
}
