// Runs every guest program, in its ARM and its Thumb build, on our board and on qemu-system-arm in the same test run; output and status must match.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Boot;
using Codezero.Hal.ArmCortexA9.Cpu;
using Xunit;
using Xunit.Abstractions;

namespace Codezero.Tests.Guests;

public sealed class GuestProgramTests
{
    private readonly ITestOutputHelper _output;

    public GuestProgramTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> Programs()
    {
        string dir = Path.Combine(RepoPaths.Root, "guests", "programs");
        var names = new List<string>();
        foreach (string file in Directory.GetFiles(dir, "*.c"))
        {
            names.Add(Path.GetFileNameWithoutExtension(file));
        }
        names.Sort(StringComparer.Ordinal);
        foreach (string name in names)
        {
            yield return new object[] { name };
        }
    }

    [Fact]
    public void GuestSuite_HasAtLeastEightPrograms()
    {
        int count = 0;
        foreach (object[] _ in Programs())
        {
            count++;
        }
        Assert.True(count >= 8, $"only {count} guest programs");
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public Task Program_OnOurBoard_MatchesQemuSystemArm(string name) => MatchesQemu(name, GuestBuild.Arm);

    [Theory]
    [MemberData(nameof(Programs))]
    public Task ThumbProgram_OnOurBoard_MatchesQemuSystemArm(string name) => MatchesQemu(name, GuestBuild.Thumb);

    /// <summary>Every program has its reference output and both builds; the Thumb build is entered in Thumb state.</summary>
    [Theory]
    [MemberData(nameof(Programs))]
    public void Program_HasExpectedOutputs_AndBothBuilds(string name)
    {
        string dir = Path.Combine(RepoPaths.Root, "guests", "expected");
        Assert.True(File.Exists(Path.Combine(dir, name + ".out")), $"guests/expected/{name}.out is missing");
        Assert.True(File.Exists(Path.Combine(dir, name + ".status")), $"guests/expected/{name}.status is missing");
        foreach (GuestBuild build in new[] { GuestBuild.Arm, GuestBuild.Thumb })
        {
            string elf = RepoPaths.GuestElf(name, build);
            ElfImage image = ElfImage.Parse(File.ReadAllBytes(elf), elf);
            Assert.True(image.Entry != 0, $"{elf} has no entry point");
        }
        ElfImage thumb = ElfImage.Parse(File.ReadAllBytes(RepoPaths.GuestElf(name, GuestBuild.Thumb)), name);
        Assert.True((thumb.Entry & 1) == 1, $"the Thumb build of {name} enters at 0x{thumb.Entry:X8}, an ARM address");
    }

    private async Task MatchesQemu(string name, GuestBuild build)
    {
        string elf = RepoPaths.GuestElf(name, build);
        string[] args = ReadArgs(name);
        Task<QemuRun> qemu = QemuReference.RunAsync(QemuReference.SingleCore, elf, args);
        (string ours, int ourStatus, long instructions) = RunOurs(name, elf, args);
        QemuRun reference = await qemu;

        _output.WriteLine($"{name} ({build}): {instructions} instructions, status {ourStatus}; {reference.Describe()}");
        reference.AssertFinished();
        Assert.Equal(reference.Text, ours);
        Assert.Equal(reference.Status, ourStatus);
        string expected = Path.Combine(RepoPaths.Root, "guests", "expected", name);
        Assert.Equal(File.ReadAllText(expected + ".out"), ours); // both builds give the one recorded output
        Assert.Equal(int.Parse(File.ReadAllText(expected + ".status").Trim()), ourStatus);
    }

    private static string[] ReadArgs(string name)
    {
        string path = Path.Combine(RepoPaths.Root, "guests", "programs", name + ".args");
        return File.Exists(path)
            ? File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            : Array.Empty<string>();
    }

    private static (string Output, int Status, long Instructions) RunOurs(string name, string elf, string[] args)
    {
        using var stdout = new MemoryStream();
        var options = new BoardOptions
        {
            ConsoleOutput = stdout,
            CommandLine = args.Length == 0 ? name : name + " " + string.Join(' ', args),
        };
        using var board = new Board(options);
        BareMetalBoot.Boot(board, ElfImage.Parse(File.ReadAllBytes(elf), elf));
        HaltReason halt = board.Run(maxInstructions: 4_000_000_000);
        Assert.True(halt == HaltReason.Exit, $"our board (not the reference) stopped {name} with {halt} at pc=0x{board.Cores[0].Pc:X8}");
        board.Console.Flush();
        return (Encoding.UTF8.GetString(stdout.ToArray()), board.ExitStatus ?? -1, board.Instructions);
    }
}
