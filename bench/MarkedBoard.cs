// A board running a benchmark guest (ipcbench.elf, pfbench.elf) on the kernel, stopped by the harness at the guest's marks.
using System;
using System.IO;
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Boot;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Runner;
using Codezero.Kernel;
using Codezero.Kernel.Boot;
using Codezero.Kernel.Hal;

namespace Codezero.Bench;

/// <summary>
/// Boots a benchmark guest (ipcbench.elf, pfbench.elf; deterministic mode) and puts a thin hook in front of the kernel's entry: a mark
/// (getid with r0 = <see cref="Mark"/>) is handled by the kernel as the getid it is, then stops the
/// board, so <see cref="RunToMark"/> returns with the guest at a known point. Every other exception
/// goes straight to <see cref="Kernel{THal}.Enter"/> (one extra indirect call per entry).
/// </summary>
public sealed unsafe class MarkedBoard : IDisposable
{
    /// <summary>r0 of a mark: "CBMK" (BENCH_MARK in guests/l4/ipcbench.c and pfbench.c).</summary>
    public const uint Mark = 0x4B4D4243;

    private readonly MemoryStream _console = new(1 << 16);

    private readonly string _name;

    public MarkedBoard(string elf, IpcBenchConfig config, int cores, KernelOptions options)
        : this(IpcBenchImage.Load(elf, config), cores, options)
    {
    }

    public MarkedBoard(ElfImage image, int cores, KernelOptions options)
    {
        _name = image.DisplayName;
        Board = new Board(new BoardOptions { Cores = cores, RamSize = 64u << 20, ConsoleOutput = _console, Semihosting = false });
        Kernel = KernelBoot.Boot(Board, parallel: false, options, [image]);
        foreach (ArmCore core in Board.Cores)
        {
            core.HookTarget = this;
            core.ExceptionHook = &Hook;
        }
    }

    public Board Board { get; }

    public Kernel<CortexA9Hal> Kernel { get; }

    /// <summary>r1-r3 of the last mark, and the core it was made on.</summary>
    public uint MarkA, MarkB, MarkC;

    public int MarkCore;

    /// <summary>Marks passed so far.</summary>
    public long Marks;

    private static bool Hook(ArmCore core, ExceptionKind kind, uint returnAddress)
    {
        MarkedBoard board = Unsafe.As<MarkedBoard>(core.HookTarget)!;
        uint* r = core.R;
        if (kind == ExceptionKind.SupervisorCall && r[12] == (uint)Codezero.Kernel.Abi.Syscall.GetId && r[0] == Mark)
        {
            board.MarkA = r[1];
            board.MarkB = r[2];
            board.MarkC = r[3];
            board.MarkCore = core.Index;
            board.Marks++;
            bool handled = board.Kernel.Enter(core.Index, kind, returnAddress);
            core.Halt = HaltReason.Exit; // the board's run returns; ExitStatus stays unset
            core.StopBlock = true;
            return handled;
        }
        return board.Kernel.Enter(core.Index, kind, returnAddress);
    }

    /// <summary>Runs the board until the guest's next mark; throws if it exits or stops instead.</summary>
    public void RunToMark(long maxInstructions = 200_000_000)
    {
        foreach (ArmCore core in Board.Cores)
        {
            if (core.Halt == HaltReason.Exit && Board.ExitStatus == null)
            {
                core.Halt = HaltReason.None;
            }
        }
        HaltReason halt = Board.Run(maxInstructions, RunMode.Deterministic);
        if (halt != HaltReason.Exit || Board.ExitStatus != null)
        {
            ThrowNoMark(halt);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowNoMark(HaltReason halt)
        => throw new InvalidOperationException($"{_name} stopped ({halt}, exit {Board.ExitStatus}) before its next mark:\n"
            + System.Text.Encoding.ASCII.GetString(_console.ToArray()) + Kernel.DescribeThreads());

    /// <summary>What the guest printed (FAIL lines, if any).</summary>
    public string Console => System.Text.Encoding.ASCII.GetString(_console.ToArray());

    public void Dispose() => Board.Dispose();
}
