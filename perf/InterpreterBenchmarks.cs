// Interpreter speed on a tight loop, with the MMU off and with the MMU on and a warm TLB.
using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Perf;

/// <summary>
/// The same 10-million-instruction loop (ALU, shifted operand, load, store, flag-setting subtract,
/// conditional branch) run with the MMU off (the baseline) and through an identity-mapped section
/// table with the MMU on. Board 2 asks that the second run at least 80% as fast as the first.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class InterpreterBenchmarks
{
    private const uint Code = 0x6001_0000;
    private const uint PageTable = 0x6040_0000;
    public const long Instructions = 6 * 1_666_666 + 4;

    // r3 = 0x60020000; r4 = 1,666,666; loop: add; eor (lsl); ldr; str; subs; bne; then b .
    private static readonly uint[] s_loop =
    {
        0xE3A03206, 0xE2833802, 0xE3064E6A, 0xE3404019, 0xE2800001, 0xE0211180,
        0xE5932004, 0xE5831008, 0xE2544001, 0x1AFFFFF9, 0xEAFFFFFE,
    };

    private Board _mmuOff = null!;
    private Board _mmuOn = null!;

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new MipsColumn(new Dictionary<string, long>
        {
            [nameof(MmuOff)] = Instructions,
            [nameof(MmuOnWarmTlb)] = Instructions,
        }));
    }

    [GlobalSetup]
    public void Setup()
    {
        _mmuOff = NewBoard(mmu: false);
        _mmuOn = NewBoard(mmu: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _mmuOff.Dispose();
        _mmuOn.Dispose();
    }

    private static Board NewBoard(bool mmu)
    {
        var board = new Board(new BoardOptions { RamSize = 16u << 20 });
        var bytes = new byte[s_loop.Length * 4];
        Buffer.BlockCopy(s_loop, 0, bytes, 0, bytes.Length);
        board.Memory.WritePhysical(Code, bytes);
        if (mmu)
        {
            ArmCore core = board.Cores[0];
            for (uint mb = 0x600; mb < 0x610; mb++)
            {
                board.Memory.WritePhysical(PageTable + mb * 4, BitConverter.GetBytes((mb << 20) | (3u << 10) | 2));
            }
            core.Ttbr0 = PageTable;
            core.Dacr = 1;
            core.WriteCp15(0, 1, 0, 0, core.Sctlr | ArmCore.Sctlr_M);
        }
        return board;
    }

    private static long RunLoop(Board board)
    {
        ArmCore core = board.Cores[0];
        core.SetPc(Code);
        return core.Run(Instructions);
    }

    [Benchmark(Baseline = true)]
    public long MmuOff() => RunLoop(_mmuOff);

    [Benchmark]
    public long MmuOnWarmTlb() => RunLoop(_mmuOn);
}
