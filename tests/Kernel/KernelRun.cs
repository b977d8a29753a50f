// Test harness: boots libl4 programs on the kernel over a fresh board and runs them, capturing the console.
using System;
using System.IO;
using System.Text;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Boot;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Runner;
using Codezero.Kernel;
using Codezero.Kernel.Boot;
using Codezero.Kernel.Hal;

namespace Codezero.Tests.Kernel;

public sealed class KernelRun : IDisposable
{
    private readonly MemoryStream _console = new(1 << 20); // sized up front: console writes must not allocate during a run

    private KernelRun(int cores, RunMode mode, KernelOptions options, string[] programs, Stream? input, GuestBuild build)
    {
        Mode = mode;
        Board = new Board(new BoardOptions { Cores = cores, ConsoleOutput = _console, ConsoleInput = input, Semihosting = false });
        var images = new ElfImage[programs.Length];
        for (int i = 0; i < programs.Length; i++)
        {
            string path = L4Elf(programs[i], build);
            images[i] = ElfImage.Parse(File.ReadAllBytes(path), path);
        }
        Kernel = KernelBoot.Boot(Board, mode == RunMode.Parallel, options, images);
    }

    public Board Board { get; }

    public Kernel<CortexA9Hal> Kernel { get; }

    public RunMode Mode { get; }

    public HaltReason Halt { get; private set; }

    /// <summary>Everything the kernel and the programs wrote to the console.</summary>
    public string Output => Encoding.ASCII.GetString(_console.ToArray());

    /// <summary>The run's exit status (set when every container ended).</summary>
    public int? ExitStatus => Board.ExitStatus;

    /// <summary>guests/build/l4/NAME.elf, or guests/build/l4-thumb/NAME.elf for the Thumb build.</summary>
    public static string L4Elf(string name, GuestBuild build = GuestBuild.Arm)
    {
        string path = Path.Combine(RepoPaths.Root, "guests", "build", build == GuestBuild.Thumb ? "l4-thumb" : "l4", name + ".elf");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: build the guests with `make -C guests` (scripts/test.sh does)");
        }
        return path;
    }

    /// <param name="input">Bytes for UART0's receive FIFO (BoardOptions.ConsoleInput; a MemoryStream is read deterministically); null: none.</param>
    /// <param name="build">Which build of the programs to boot (guests/build/l4 or l4-thumb).</param>
    public static KernelRun Boot(string program, int cores = 1, RunMode mode = RunMode.Deterministic, KernelOptions? options = null, Stream? input = null,
                                 GuestBuild build = GuestBuild.Arm)
        => new(cores, mode, options ?? new KernelOptions(), [program], input, build);

    public static KernelRun Boot(string[] programs, int cores = 1, RunMode mode = RunMode.Deterministic, KernelOptions? options = null, Stream? input = null,
                                 GuestBuild build = GuestBuild.Arm)
        => new(cores, mode, options ?? new KernelOptions(), programs, input, build);

    /// <summary>Runs until every container ended, everything blocked, or the instruction limit.</summary>
    public KernelRun Run(long maxInstructions = 500_000_000)
    {
        Halt = Board.Run(maxInstructions, Mode);
        return this;
    }

    /// <summary>A message with the output and thread table, for assertion failures.</summary>
    public string Describe() => $"halt {Halt}, exit {ExitStatus}\n--- console ---\n{Output}\n--- threads ---\n{Kernel.DescribeThreads()}";

    public void Dispose() => Board.Dispose();
}
