// Integer division by zero in a libl4 program is a fault (tag 0xFFFF0004) reported with the call's pc, not a silent 0x7FFFFFFF.
using System;
using System.IO;
using System.Text.RegularExpressions;
using Codezero.Hal.ArmCortexA9.Boot;
using Codezero.Hal.ArmCortexA9.Runner;
using Codezero.Kernel.Abi;
using Xunit;

namespace Codezero.Tests.Kernel.Diagnostics;

public sealed unsafe class DivideByZeroTests
{
    private static ElfImage Image(string program, GuestBuild build)
    {
        string path = KernelRun.L4Elf(program, build);
        return ElfImage.Parse(File.ReadAllBytes(path), path);
    }

    private static uint AddressOf(ElfSymbols symbols, string name)
    {
        for (int i = 0; i < symbols.Count; i++)
        {
            if (symbols.Name(i) == name)
            {
                return symbols.Address(i);
            }
        }
        throw new Xunit.Sdk.XunitException($"no symbol {name}");
    }

    /// <summary>The bytes of the image at a virtual address (from its segments' file data).</summary>
    private static byte[] Read(ElfImage image, uint address, int count)
    {
        foreach (ElfSegment segment in image.Segments)
        {
            if (address >= segment.VirtualAddress && address + (uint)count <= segment.VirtualAddress + (uint)segment.Data.Length)
            {
                return segment.Data.Span.Slice((int)(address - segment.VirtualAddress), count).ToArray();
            }
        }
        throw new Xunit.Sdk.XunitException($"0x{address:x8} is not in the image's file data");
    }

    /// <summary>
    /// libgcc defines __aeabi_idiv0 and __aeabi_ldiv0 too (weak, returning a saturated value) and comes
    /// after libl4.a on the link line: the linked programs must hold libl4's, whose first instruction is
    /// the trap udf #0xd0 (A32 0xE7F00DF0, T16 0xDED0), in a program that divides and in one that does not.
    /// </summary>
    [Theory]
    [InlineData("divzero", GuestBuild.Arm)]
    [InlineData("divzero", GuestBuild.Thumb)]
    [InlineData("hello", GuestBuild.Arm)]
    [InlineData("hello", GuestBuild.Thumb)]
    public void The_linked_division_by_zero_handlers_are_libl4s_traps(string program, GuestBuild build)
    {
        ElfImage image = Image(program, build);
        foreach (string handler in new[] { "__aeabi_idiv0", "__aeabi_ldiv0" })
        {
            byte[] first = Read(image, AddressOf(image.Symbols, handler), 4);
            if (build == GuestBuild.Thumb)
            {
                Assert.Equal(0xDE00 | FaultTag.DivideByZeroTrap, BitConverter.ToUInt16(first));
            }
            else
            {
                Assert.Equal(0xE7F0_0DF0u, BitConverter.ToUInt32(first));
            }
        }
    }

    /// <summary>
    /// divzero's threads have main as their pager, which checks each fault message (tag, call site, trap)
    /// and answers skip or stop; then main, a root with no pager, divides 1000 by 0 itself and is stopped
    /// with a report naming division by zero at the call in main.
    /// </summary>
    [Theory]
    [InlineData(GuestBuild.Arm, 1, RunMode.Deterministic)]
    [InlineData(GuestBuild.Thumb, 1, RunMode.Deterministic)]
    [InlineData(GuestBuild.Arm, 4, RunMode.Parallel)]
    [InlineData(GuestBuild.Thumb, 4, RunMode.Parallel)]
    public void A_division_by_zero_stops_the_thread_with_a_report_naming_the_call(GuestBuild build, int cores, RunMode mode)
    {
        using KernelRun run = KernelRun.Boot("divzero", cores, mode, build: build).Run();
        string output = run.Output;

        Assert.True(run.ExitStatus == 134 && !output.Contains("FAIL", StringComparison.Ordinal), run.Describe());
        Assert.Contains("divzero: all checks passed", output);
        Assert.DoesNotContain("divzero: 1000/0 =", output);
        Assert.Matches(@"kernel: thread 0x01003002 stopped: division by zero at pc 0x[0-9a-f]{8} \(divide64\+0x[0-9a-f]+ in divzero\.elf\) \(its pager refused\)\n", output);

        Match report = Regex.Match(output, @"kernel: thread 0x01001001 stopped: division by zero at pc 0x(?<pc>[0-9a-f]{8}) \((?<where>main\+0x[0-9a-f]+) in divzero\.elf\) \(no pager\)\n");
        Assert.True(report.Success, output);
        uint pc = Convert.ToUInt32(report.Groups["pc"].Value, 16);
        ElfImage image = Image("divzero", build);
        Assert.Equal(image.Symbols.Describe(pc), report.Groups["where"].Value);
        // The reported pc is the call itself: a BL/BLX whose return address is the lr the trap saw.
        Assert.Matches($@" lr=0x{pc + 4 + (build == GuestBuild.Thumb ? 1u : 0u):x8} pc=0x{AddressOf(image.Symbols, "__aeabi_idiv0"):x8} ", output);
        Assert.Equal(-Errno.EABORT, run.Kernel.Container(1)->ExitCode);
    }
}
