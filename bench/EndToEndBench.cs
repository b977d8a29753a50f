// End-to-end round trips: two ARM guest threads ping-pong through the libl4 stubs, on a run of the board.
using System;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Kernel;

namespace Codezero.Bench;

/// <summary>
/// Boots ipcbench.elf in its batch mode for one tier and placement (same core: a 1-core board; cross core:
/// a 2-core board, server on core 1), in deterministic mode, and runs it to its first mark (set-up done,
/// the server waiting in the tier). Each <see cref="RunBatch"/> runs the board from one mark to the next:
/// <see cref="RoundTrips"/> calls by the client, each answered by the server's reply-and-wait, every
/// instruction of both threads interpreted and every `svc` handled by the kernel.
/// </summary>
public sealed class EndToEndBench : IDisposable
{
    private readonly MarkedBoard _board;
    private readonly Board _hw;

    public EndToEndBench(string elf, IpcTier tier, Placement placement, int roundTrips, bool fastPath = true)
    {
        if (roundTrips < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(roundTrips));
        }
        RoundTrips = roundTrips;
        bool cross = placement == Placement.CrossCore;
        var config = new IpcBenchConfig(IpcBenchConfig.Batch, IpcCase.TierField(tier), (uint)IpcCase.Bytes(tier), cross, (uint)roundTrips, 0);
        _board = new MarkedBoard(elf, config, cross ? 2 : 1, new KernelOptions { IpcFastPath = fastPath });
        _hw = _board.Board;
        _board.RunToMark();
    }

    public int RoundTrips { get; }

    /// <summary>Emulated cycles on the client's core (core 0) during the last batch: the latency the guest sees.</summary>
    public long LastCycles { get; private set; }

    /// <summary>Guest instructions retired by all cores during the last batch.</summary>
    public long LastInstructions { get; private set; }

    /// <summary>Runs <see cref="RoundTrips"/> round trips: the board from one mark to the next.</summary>
    public void RunBatch()
    {
        ArmCore client = _hw.Cores[0];
        long cycles = client.Cycles;
        long instructions = _hw.Instructions;
        _board.RunToMark();
        LastCycles = client.Cycles - cycles;
        LastInstructions = _hw.Instructions - instructions;
    }

    /// <summary>What the guest printed (a FAIL line means its set-up went wrong).</summary>
    public string Console => _board.Console;

    public void Dispose() => _board.Dispose();
}
