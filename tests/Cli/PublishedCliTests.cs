// End-to-end tests of the published NativeAOT codezero binary: output, exit statuses, one-line errors.
using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Codezero.Tests.Guests;
using Codezero.Tests.Hal.Boot;
using Xunit;

namespace Codezero.Tests.Cli;

/// <summary>
/// Runs <c>out/cli/codezero</c>, which the test script publishes first with
/// <c>dotnet publish cli/Codezero.Cli.csproj -c Release -r linux-x64 -o out/cli</c>, on
/// guests/build/*.elf (built by <c>make -C guests</c>) and on small ELFs made here.
/// </summary>
public sealed class PublishedCliTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "codezero-cli-" + Guid.NewGuid().ToString("N"));

    public PublishedCliTests() => Directory.CreateDirectory(_temp);

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static string Guest(string name) => PublishedCli.Guest(name);

    private string WriteElf(string name, byte[] bytes)
    {
        string path = Path.Combine(_temp, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static Result Run(params string[] args) => PublishedCli.Run(args);

    private static void AssertOneLineError(Result result, int status, string message) => PublishedCli.AssertOneLineError(result, status, message);

    [Fact]
    public void Run_Hello_PrintsItsGreetingAndExitsZero()
    {
        Result result = Run("run", Guest("hello.elf"));

        Assert.Equal(0, result.Status);
        Assert.StartsWith("Hello from the guest!\n=====================\n", result.Text);
        Assert.Contains("6 x 7 = 42, and 0xcafe == 51966.\n", result.Text);
        Assert.EndsWith("Goodbye!\n", result.Text);
        Assert.Equal("", result.Stderr);
    }

    [Theory]
    [InlineData("heap")]     // malloc/free/realloc, atexit handlers, exit(42)
    [InlineData("printf")]   // every printf conversion newlib supports
    [InlineData("int64")]    // 64-bit arithmetic through libgcc helpers
    public async Task Run_NewlibProgram_PrintsByteForByteWhatQemuPrints(string name)
    {
        string elf = Guest(name + ".elf");
        Result ours = Run("run", elf);

        QemuRun reference = await QemuReference.RunAsync(QemuReference.SingleCore, elf);

        reference.AssertFinished();
        Assert.Equal(reference.Text, ours.Text);
        Assert.Equal(reference.Stdout, ours.Stdout);
        Assert.Equal(reference.Status, ours.Status);
    }

    [Theory]
    [InlineData("deterministic")]
    [InlineData("parallel")]
    public void Run_FourCoresInEitherMode_RunsTheSmpSpinlockProgram(string mode)
    {
        string elf = Path.Combine(RepoPaths.Root, "guests", "build", "baremetal", "spinlock.elf");
        string expected = File.ReadAllText(Path.Combine(RepoPaths.Root, "guests", "baremetal", "expected", "spinlock.out"));
        Result result = Run("run", "--cpus", "4", "--mode", mode, "--summary", elf);

        Assert.Equal(0, result.Status);
        Assert.Equal(expected, result.Text);
        for (int core = 0; core < 4; core++)
        {
            Assert.Matches($"\\n    core {core} +[1-9][0-9]*\\n", result.Stderr);
        }
        Assert.Contains("  mode                " + mode + "\n", result.Stderr);
    }

    [Theory]
    [InlineData("deterministic")]
    [InlineData("parallel")]
    public void Kernel_TwoContainersOnFourCores_RunToTheEndAndPrintStatistics(string mode)
    {
        Result result = Run("kernel", "--cpus", "4", "--mode", mode, "--stats", Guest("l4/hello.elf"), Guest("l4/threads4.elf"));

        Assert.Equal(0, result.Status);
        Assert.Contains("hello from thread 0x01001001", result.Text);
        Assert.Contains("threads4: all checks passed", result.Text);
        for (int core = 0; core < 4; core++)
        {
            Assert.Matches($"\\n  core {core}: [1-9][0-9]* cycles, ", result.Stderr);
        }
    }

    [Fact]
    public void Kernel_AFaultingRootIsReported_AndTheRunExits134()
    {
        Result result = Run("kernel", Guest("l4/crash.elf"), Guest("l4/hello.elf"));

        Assert.Equal(134, result.Status);
        Assert.Contains("kernel: thread 0x01001001 stopped: data abort at pc ", result.Text);
        Assert.Contains("hello: done", result.Text);
    }

    [Fact]
    public void Kernel_AProgramLinkedIntoTheKernelHalf_IsRefusedWithOneLine()
    {
        var elf = new TestElf { Entry = 0x8001_0000 }.Load(0x8001_0000, TestElf.Words(TestElf.BranchToSelf));
        Result result = Run("kernel", WriteElf("kernelhalf.elf", elf.Build()));

        Assert.Equal(65, result.Status);
        Assert.StartsWith("codezero: ", result.Stderr);
        Assert.Contains("outside the user program area", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Run_BadCpusOrMode_IsAUsageError()
    {
        AssertOneLineError(Run("run", "--cpus", "5", Guest("hello.elf")), 64, "--cpus must be between 1 and 4, not 5");
        AssertOneLineError(Run("run", "--mode", "fast", Guest("hello.elf")), 64, "--mode must be deterministic or parallel, not 'fast'");
    }

    [Fact]
    public void Run_GuestExitStatus_IsTheProcessExitStatus()
    {
        Assert.Equal(42, Run("run", WriteElf("exit42.elf", TestElf.ExitWith(42).Build())).Status);
        Assert.Equal(3, Run("run", WriteElf("exit3.elf", TestElf.ExitWith(3).Build())).Status);
    }

    [Fact]
    public void Run_GuestArguments_FollowTheElfEvenWhenTheyLookLikeOptions()
    {
        string elf = WriteElf("echo.elf", TestElf.EchoCommandLine().Build());

        Result result = Run("run", "--ram-mib", "64", elf, "alpha", "-7", "--summary");

        Assert.Equal(0, result.Status);
        Assert.Equal(elf + " alpha -7 --summary", result.Text);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void Run_DoubleDash_EndsCodezeroOptions()
    {
        string elf = WriteElf("echo.elf", TestElf.EchoCommandLine().Build());

        Result result = Run("run", "--", elf, "--", "-x");

        Assert.Equal(0, result.Status);
        Assert.Equal(elf + " -- -x", result.Text);
    }

    [Fact]
    public void Run_NotAnElf_PrintsOneLineAndExits65()
    {
        string path = WriteElf("script.elf", "#!/bin/sh\necho hi\n"u8.ToArray());
        AssertOneLineError(Run("run", path), 65, path + ": not an ELF file (bad magic)");
    }

    [Fact]
    public void Run_MissingFile_PrintsOneLineAndExits65()
    {
        string path = Path.Combine(_temp, "absent.elf");
        AssertOneLineError(Run("run", path), 65, path + ": no such file");
    }

    [Fact]
    public void Run_TruncatedElf_PrintsOneLineAndExits65()
    {
        string path = WriteElf("short.elf", TestElf.Program(0).Build()[..30]);
        AssertOneLineError(Run("run", path), 65, path + ": truncated: the ELF header needs 52 bytes, the file has 30");
    }

    [Fact]
    public void Run_WrongMachine_PrintsOneLineAndExits65()
    {
        var elf = TestElf.Program(0);
        elf.Machine = 62;
        string path = WriteElf("x86.elf", elf.Build());
        AssertOneLineError(Run("run", path), 65, path + ": ELF machine is x86-64 (62), expected ARM (40)");
    }

    [Fact]
    public void Run_SegmentOutsideRam_PrintsOneLineAndExits65()
    {
        string path = WriteElf("low.elf", new TestElf { Entry = 0x0800_0000 }.Load(0x0800_0000, new byte[16]).Build());
        AssertOneLineError(Run("run", path), 65, path + ": segment 0 at 0x08000000-0x0800000F is not in RAM (0x60000000-0x67FFFFFF)");
    }

    [Fact]
    public void Run_ThumbEntry_RunsThumbCodeToItsSemihostingExit()
    {
        // movs r0, #0x18 (SYS_EXIT); ldr r1, [pc, #4]; svc #0xab; b .; .word 0x20026 (ADP_Stopped_ApplicationExit)
        var elf = TestElf.Program(0x4901_2018, 0xE7FE_DFAB, 0x0002_0026);
        elf.Entry |= 1;
        string path = WriteElf("thumb.elf", elf.Build());
        Result result = Run("run", "--max-instructions", "1000", path);
        Assert.Equal(0, result.Status);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void Run_MaxInstructionsReached_Exits66()
    {
        string path = WriteElf("spin.elf", TestElf.Program(TestElf.BranchToSelf).Build());
        AssertOneLineError(Run("run", "--max-instructions", "1000", path), 66, "instruction limit reached after 1000 instructions");
    }

    [Fact]
    public void Run_MaxInstructionsOnHello_StopsItEarly()
    {
        Result result = Run("run", "--max-instructions=2000", Guest("hello.elf"));
        Assert.Equal(66, result.Status);
        Assert.Equal("codezero: instruction limit reached after 2000 instructions\n", result.Stderr);
    }

    [Fact]
    public void Run_EveryCoreWaitingForever_Exits67()
    {
        string path = WriteElf("wfi.elf", TestElf.Program(TestElf.Wfi, TestElf.BranchToSelf).Build());
        AssertOneLineError(Run("run", path), 67, "guest stopped: every core is waiting (WFI/WFE) and nothing can wake it");
    }

    [Fact]
    public void Run_Summary_PrintsMipsOnStderr()
    {
        Result result = Run("run", "--summary", Guest("hello.elf"));

        Assert.Equal(0, result.Status);
        Assert.StartsWith("Hello from the guest!", result.Text);
        Assert.Matches(@"(?m)^  MIPS +[0-9]+\.[0-9]$", result.Stderr);
        Assert.Matches(@"(?m)^  instructions +[1-9][0-9]*$", result.Stderr);
        Assert.Matches(@"(?m)^  code-cache pages +[1-9][0-9]* decoded", result.Stderr);
        Assert.Contains("ExitExtended 1", result.Stderr);
        Assert.DoesNotContain("MIPS", result.Text);
    }

    [Fact]
    public void Run_UnknownOption_IsAUsageError()
    {
        Result result = Run("run", "--frobnicate", Guest("hello.elf"));
        Assert.Equal(64, result.Status);
        Assert.Equal("codezero: run: unknown option '--frobnicate'\ncodezero: see 'codezero run --help'\n", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public void Run_SemihostingRootThatDoesNotExist_IsAUsageError()
    {
        string missing = Path.Combine(_temp, "nope");
        AssertOneLineError(Run("run", "--semihosting-root", missing, Guest("hello.elf")), 64,
            $"--semihosting-root: '{missing}' is not a directory");
    }

    [Fact]
    public void CompareQemu_Hello_IsIdenticalToQemuArm()
    {
        Result result = Run("compare-qemu", Guest("hello.elf"));

        Assert.True(result.Status == 0, result.Text + result.Stderr);
        Assert.Matches(@"(?m)^codezero +[0-9]+\.[0-9]{3} +0 +642$", result.Text);
        Assert.Matches(@"(?m)^qemu-arm +[0-9]+\.[0-9]{3} +0 +642$", result.Text);
        Assert.Contains("ratio (codezero / qemu-arm): ", result.Text);
        Assert.Contains("result: identical stdout and exit status", result.Text);
    }

    [Fact]
    public void CompareQemu_DifferentExitStatus_Exits1()
    {
        // qemu-arm runs this program to its exit (status 7); our run stops at the limit first.
        string path = WriteElf("exit7.elf", TestElf.ExitWith(7).Build());
        Result result = Run("compare-qemu", "--max-instructions", "2", path);

        Assert.Equal(1, result.Status);
        Assert.Contains("result: DIFFERENT: instruction limit reached after 2 instructions", result.Text);
    }

    [Fact]
    public void Help_ListsTheVerbsAndExitsZero()
    {
        Result result = Run("--help");
        Assert.Equal(0, result.Status);
        Assert.Contains("run", result.Text);
        Assert.Contains("compare-qemu", result.Text);
    }
}
