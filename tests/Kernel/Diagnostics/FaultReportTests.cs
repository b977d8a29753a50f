// Fault reports name the container and the function (symbol+offset) the faulting pc is in.
using System;
using System.IO;
using System.Text.RegularExpressions;
using Codezero.Hal.ArmCortexA9.Boot;
using Codezero.Hal.ArmCortexA9.Runner;
using Xunit;

namespace Codezero.Tests.Kernel.Diagnostics;

public sealed class FaultReportTests
{
    private static ElfSymbols SymbolsOf(string program, GuestBuild build)
    {
        string path = KernelRun.L4Elf(program, build);
        return ElfImage.Parse(File.ReadAllBytes(path), path).Symbols;
    }

    /// <summary>The report's pc, checked to be inside <paramref name="function"/>, and the location text the report gave for it.</summary>
    private static void AssertLocatedIn(string output, string pattern, string program, GuestBuild build, string function)
    {
        Match report = Regex.Match(output, pattern);
        Assert.True(report.Success, output);
        uint pc = Convert.ToUInt32(report.Groups["pc"].Value, 16);
        ElfSymbols symbols = SymbolsOf(program, build);
        Assert.True(symbols.TryFind(pc, out int index) && symbols.Name(index) == function, $"pc 0x{pc:x8} is not in {function}\n{output}");
        Assert.Equal($"{symbols.Describe(pc)} in {program}.elf", report.Groups["where"].Value);
    }

    [Theory]
    [InlineData(GuestBuild.Arm)]
    [InlineData(GuestBuild.Thumb)]
    public void A_data_abort_report_names_the_function_and_the_container(GuestBuild build)
    {
        using KernelRun run = KernelRun.Boot(["crash", "threads4"], cores: 2, RunMode.Deterministic, build: build).Run();

        AssertLocatedIn(run.Output,
            @"kernel: thread 0x01001001 stopped: data abort at pc 0x(?<pc>[0-9a-f]{8}) \((?<where>main\+0x[0-9a-f]+ in crash\.elf)\), address 0x00000004, status 0x00000007 \(no pager\)\n",
            "crash", build, "main");
    }

    [Theory]
    [InlineData(GuestBuild.Arm)]
    [InlineData(GuestBuild.Thumb)]
    public void A_fault_its_pager_refused_is_reported_in_the_threads_own_function(GuestBuild build)
    {
        using KernelRun run = KernelRun.Boot("faulting", cores: 2, build: build).Run();
        Assert.True(run.ExitStatus == 0, run.Describe());

        AssertLocatedIn(run.Output,
            @"stopped: data abort at pc 0x(?<pc>[0-9a-f]{8}) \((?<where>[^)]*)\), address 0x30000010, status 0x[0-9a-f]{8} \(its pager refused\)\n",
            "faulting", build, "t3_fn");
    }
}
