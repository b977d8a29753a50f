// Runs the bare-metal SMP programs on our 4-core board, in both run modes, and on qemu-system-arm -smp 4.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Boot;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Runner;
using Xunit;
using Xunit.Abstractions;

namespace Codezero.Tests.Guests;

public sealed class BareMetalSuiteTests
{
    private readonly ITestOutputHelper _output;

    public BareMetalSuiteTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> Cases()
    {
        string dir = Path.Combine(RepoPaths.Root, "guests", "baremetal");
        var names = new List<string>();
        foreach (string file in Directory.GetFiles(dir, "*.c"))
        {
            names.Add(Path.GetFileNameWithoutExtension(file));
        }
        names.Sort(StringComparer.Ordinal);
        foreach (string name in names)
        {
            yield return new object[] { name, RunMode.Deterministic };
            yield return new object[] { name, RunMode.Parallel };
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Program_OnFourCores_MatchesQemuSystemArmSmp4(string name, RunMode mode)
    {
        string elf = Path.Combine(RepoPaths.Root, "guests", "build", "baremetal", name + ".elf");
        Assert.True(File.Exists(elf), $"{elf} is missing: build the guests with `make -C guests`");
        Task<QemuRun> qemu = QemuReference.RunAsync(QemuReference.FourCores, elf);

        using var stdout = new MemoryStream();
        using var board = new Board(new BoardOptions { Cores = 4, ConsoleOutput = stdout, CommandLine = name });
        BareMetalBoot.Boot(board, ElfImage.Parse(File.ReadAllBytes(elf), elf));
        HaltReason halt = board.Run(maxInstructions: 2_000_000_000, mode: mode);
        board.Console.Flush();
        string ours = Encoding.UTF8.GetString(stdout.ToArray());
        QemuRun reference = await qemu;

        _output.WriteLine($"{name} ({mode}): {halt}, {board.Instructions} instructions, status {board.ExitStatus}; {reference.Describe()}");
        Assert.True(halt == HaltReason.Exit, $"our board (not the reference) stopped {name} with {halt}; output so far:\n{ours}");
        reference.AssertFinished();
        Assert.Equal(reference.Text, ours);
        Assert.Equal(reference.Status, board.ExitStatus);
    }

    [Fact]
    public void Deterministic_SmpProgramTwice_GivesTheSameTraceHash()
    {
        string elf = Path.Combine(RepoPaths.Root, "guests", "build", "baremetal", "ipi_pingpong.elf");
        var hashes = new ulong[2];
        for (int run = 0; run < 2; run++)
        {
            using var board = new Board(new BoardOptions { Cores = 4, ConsoleOutput = Stream.Null });
            BareMetalBoot.Boot(board, ElfImage.Parse(File.ReadAllBytes(elf), elf));
            Assert.Equal(HaltReason.Exit, board.Run(maxInstructions: 2_000_000_000));
            hashes[run] = board.TraceHash;
        }
        Assert.Equal(hashes[0], hashes[1]);
    }
}
