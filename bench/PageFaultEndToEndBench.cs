// End-to-end page faults: an ARM guest thread touches unmapped pages and its pager thread maps them, on a run of the board.
using System;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Kernel;

namespace Codezero.Bench;

/// <summary>
/// Boots pfbench.elf in its batch mode on a 1-core board (deterministic mode) and runs it to its first
/// mark (the toucher's first fault served). Each <see cref="RunBatch"/> runs the board from one mark to
/// the next: <see cref="Faults"/> writes by the toucher, each to the page that is not mapped, each a data
/// abort that the kernel sends to the pager as a fault IPC, answered by the pager's map, unmap and
/// reply-and-wait; every instruction of both threads interpreted.
/// </summary>
public sealed class PageFaultEndToEndBench : IDisposable
{
    private readonly MarkedBoard _board;
    private readonly Board _hw;

    public PageFaultEndToEndBench(string elf, int faults, bool fastPath = true)
    {
        if (faults < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(faults));
        }
        Faults = faults;
        var config = new PageFaultBenchConfig(PageFaultBenchConfig.Batch, (uint)faults);
        _board = new MarkedBoard(PageFaultBenchImage.Load(elf, config), 1, new KernelOptions { IpcFastPath = fastPath });
        _hw = _board.Board;
        _board.RunToMark();
    }

    public int Faults { get; }

    /// <summary>Emulated cycles of the core during the last batch.</summary>
    public long LastCycles { get; private set; }

    /// <summary>Guest instructions retired during the last batch.</summary>
    public long LastInstructions { get; private set; }

    /// <summary>Page faults the kernel counted during the last batch (each served one should be one).</summary>
    public long LastFaults { get; private set; }

    /// <summary>Runs <see cref="Faults"/> faults: the board from one mark to the next.</summary>
    public void RunBatch()
    {
        ArmCore core = _hw.Cores[0];
        long cycles = core.Cycles;
        long instructions = _hw.Instructions;
        long faults = _board.Kernel.Cpu(0).Faults;
        _board.RunToMark();
        LastCycles = core.Cycles - cycles;
        LastInstructions = _hw.Instructions - instructions;
        LastFaults = _board.Kernel.Cpu(0).Faults - faults;
    }

    /// <summary>What the guest printed (a FAIL line means a fault was not served as it should be).</summary>
    public string Console => _board.Console;

    public void Dispose() => _board.Dispose();
}
