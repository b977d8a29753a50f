// Four cores: deterministic interleaving reproduces bit for bit; parallel mode loses no atomic update.
using System;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Runner;
using Xunit;

namespace Codezero.Tests.Hal;

[Collection(Codezero.Tests.Kernel.AllocationCollection.Name)] // its allocation test reads the process-wide GC count
public sealed unsafe class MulticoreTests
{
    private const uint Code = 0x6001_0000;
    private const uint Counter = 0x6002_0000;

    // r1 = Counter; r2 = 1,000,000; loop: ldrex/add/strex until it sticks; repeat r2 times; wfi
    private static readonly uint[] s_atomicIncrements =
    {
        0xE3A01206, 0xE2811802, 0xE3042240, 0xE340200F, 0xE1910F9F, 0xE2800001, 0xE1813F90,
        0xE3530000, 0x1AFFFFFA, 0xE2522001, 0x1AFFFFF8, 0xE320F003, 0xEAFFFFFE,
    };

    // Each core: racy read-modify-write of a shared word (adds its core number 200 times), plus a
    // per-core running hash stored at Counter + 16 + 4 * core; then wfi.
    private static readonly uint[] s_racyUpdates =
    {
        0xEE104FB0, 0xE2044003, 0xE3A01206, 0xE2811802, 0xE0815104, 0xE3A02000, 0xE3A060C8, 0xE0822006,
        0xE0222082, 0xE5917000, 0xE0877004, 0xE5817000, 0xE5852010, 0xE2566001, 0x1AFFFFF7, 0xE320F003,
        0xEAFFFFFE,
    };

    private static Board NewBoard(uint[] program, int cores = 4)
    {
        var board = new Board(new BoardOptions { Cores = cores, RamSize = 32u << 20 });
        var bytes = new byte[program.Length * 4];
        Buffer.BlockCopy(program, 0, bytes, 0, bytes.Length);
        board.Memory.WritePhysical(Code, bytes);
        foreach (ArmCore core in board.Cores)
        {
            core.SetPc(Code);
        }
        return board;
    }

    private static uint Word(Board board, uint address)
    {
        Span<byte> b = stackalloc byte[4];
        board.Memory.ReadPhysical(address, b);
        return BitConverter.ToUInt32(b);
    }

    [Fact]
    public void Deterministic_SameProgramTwice_GivesSameTraceHashAndResults()
    {
        ulong[] hashes = new ulong[2];
        uint[] shared = new uint[2];
        for (int run = 0; run < 2; run++)
        {
            using Board board = NewBoard(s_racyUpdates);
            Assert.Equal(HaltReason.Deadlock, board.Run(mode: RunMode.Deterministic, quantum: 7));
            hashes[run] = board.TraceHash;
            shared[run] = Word(board, Counter);
            for (int c = 0; c < 4; c++)
            {
                Assert.Equal(board.Cores[0].Cycles, board.Cores[c].Cycles);
            }
        }
        Assert.Equal(hashes[0], hashes[1]);
        Assert.Equal(shared[0], shared[1]);
        Assert.NotEqual(0u, shared[0]);
    }

    [Fact]
    public void Deterministic_DifferentQuantum_ChangesTheInterleavingAndTheHash()
    {
        using Board a = NewBoard(s_racyUpdates);
        using Board b = NewBoard(s_racyUpdates);
        a.Run(quantum: 7);
        b.Run(quantum: 13);
        Assert.NotEqual(a.TraceHash, b.TraceHash); // the hash really depends on what happened
    }

    [Fact]
    public void EachCore_ReadsItsOwnMpidr()
    {
        using Board board = NewBoard(s_racyUpdates);
        board.Run(quantum: 100);
        for (uint c = 0; c < 4; c++)
        {
            Assert.Equal(c, board.Cores[(int)c].R[4]);
        }
    }

    [Fact]
    public void Parallel_FourCoresAMillionAtomicIncrementsEach_LoseNoUpdate()
    {
        using Board board = NewBoard(s_atomicIncrements);
        HaltReason reason = board.Run(maxInstructions: 200_000_000, mode: RunMode.Parallel);
        Assert.Equal(HaltReason.Deadlock, reason); // every core finished and sleeps in WFI
        Assert.Equal(4_000_000u, Word(board, Counter));
    }

    [Fact]
    public void Deterministic_FourCoresAtomicIncrements_LoseNoUpdate()
    {
        using Board board = NewBoard(s_atomicIncrements);
        Assert.Equal(HaltReason.Deadlock, board.Run(maxInstructions: 200_000_000, quantum: 101));
        Assert.Equal(4_000_000u, Word(board, Counter));
    }

    [Fact]
    public void Sev_WakesACoreWaitingInWfe()
    {
        // core 0: wfe; mov r0, #1; wfi     core 1: (spins 50 instructions) sev; wfi
        using var board = new Board(new BoardOptions { Cores = 2, RamSize = 32u << 20 });
        uint[] core0 = { 0xE320F002, 0xE3A00001, 0xE320F003, 0xEAFFFFFE };
        uint[] core1 = { 0xE3A02032, 0xE2522001, 0x1AFFFFFD, 0xE320F004, 0xE320F003, 0xEAFFFFFE };
        var b0 = new byte[core0.Length * 4];
        var b1 = new byte[core1.Length * 4];
        Buffer.BlockCopy(core0, 0, b0, 0, b0.Length);
        Buffer.BlockCopy(core1, 0, b1, 0, b1.Length);
        board.Memory.WritePhysical(Code, b0);
        board.Memory.WritePhysical(Code + 0x100, b1);
        board.Cores[0].SetPc(Code);
        board.Cores[1].SetPc(Code + 0x100);
        Assert.Equal(HaltReason.Deadlock, board.Run(quantum: 10));
        Assert.Equal(1u, board.Cores[0].R[0]);
    }

    [Fact]
    public void Deterministic_FourCoreRun_AllocatesNothingAndCollectsNothing()
    {
        using (Board warmUp = NewBoard(s_atomicIncrements))
        {
            warmUp.Run(maxInstructions: 200_000_000, quantum: 101); // first-time costs: JIT, type initialisers
        }
        using Board board = NewBoard(s_atomicIncrements);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int collections = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        HaltReason reason = board.Run(maxInstructions: 200_000_000, quantum: 101);
        long after = GC.GetAllocatedBytesForCurrentThread(); // read before any assertion allocates
        int collectionsAfter = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        Assert.Equal(HaltReason.Deadlock, reason);
        Assert.Equal(before, after);
        Assert.Equal(collections, collectionsAfter);
        Assert.Equal(4_000_000u, Word(board, Counter));
    }

    [Fact]
    public void Parallel_FourCoreRun_AllocatesNothingOnTheCoreThreads()
    {
        using (Board warmUp = NewBoard(s_atomicIncrements))
        {
            warmUp.Run(maxInstructions: 200_000_000, mode: RunMode.Parallel);
        }
        using Board board = NewBoard(s_atomicIncrements);
        Assert.Equal(HaltReason.Deadlock, board.Run(maxInstructions: 200_000_000, mode: RunMode.Parallel));
        Assert.Equal(4_000_000u, Word(board, Counter));
        Assert.Equal(0, board.ParallelRunLoopAllocatedBytes);
    }
}
