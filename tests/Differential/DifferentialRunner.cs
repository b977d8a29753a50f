// Runs one case on our core and on Unicorn from the same state and compares registers, CPSR and memory.
using System;
using System.Runtime.InteropServices;
using System.Text;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Memory;

namespace Codezero.Tests.Differential;

/// <summary>
/// Both CPUs and their memory. Layout (identical on both sides; Unicorn maps nothing else):
/// a 16 KiB code region at <see cref="CodeRegion"/> with the instruction at <see cref="CodeAddress"/> in its middle
/// (so PC-relative loads of +-4 KiB stay mapped), and a 16 KiB data region at <see cref="DataRegion"/> whose middle
/// 8 KiB is where base registers point. Both regions start every case as the same random template.
/// </summary>
internal sealed unsafe class DifferentialRunner : IDisposable
{
    public const uint CodeRegion = 0x6001_0000;
    public const uint CodeAddress = 0x6001_2000;
    public const uint DataRegion = 0x6002_0000;
    public const uint RegionSize = 0x4000;
    public const uint DataPointerBase = DataRegion + 0x1000;
    public const uint DataPointerSpan = 0x2000;
    private const uint UserMode = 0x10;

    /// <summary>Privileged campaign: our core's vector base, far from any branch target the fuzzer makes, so an exception entry is told from a completed instruction.</summary>
    private const uint PrivilegedVbar = 0x5A5A_0000;
    private readonly bool _privileged;

    private readonly Board _board;
    private readonly ArmCore _core;
    private UnicornArm _unicorn;
    private readonly byte* _ourCode, _ourData;     // inside our board's RAM
    private readonly byte* _theirCode, _theirData; // host pages mapped into Unicorn
    private readonly byte[] _codeTemplate = new byte[RegionSize];
    private readonly byte[] _dataTemplate = new byte[RegionSize];
    private readonly uint _codeRamOffset;

    public DifferentialRunner(int memorySeed, bool privileged = false)
    {
        MemorySeed = memorySeed;
        _privileged = privileged;
        _board = new Board(new BoardOptions { RamSize = 1u << 20, CodeCachePages = 16, Semihosting = false });
        _core = _board.Cores[0];
        // FuzzExclusions.OracleAdjustments, "SWP/SWPB run with SCTLR.SW = 1 on our core".
        _core.Sctlr |= ArmCore.Sctlr_SW;
        if (privileged)
        {
            _core.Vbar = PrivilegedVbar;
        }
        _ourCode = _board.Memory.HostPointer(CodeRegion);
        _ourData = _board.Memory.HostPointer(DataRegion);
        _codeRamOffset = (uint)_board.Memory.RamOffset(CodeAddress);
        _theirCode = (byte*)NativeMemory.AlignedAlloc(RegionSize, 4096);
        _theirData = (byte*)NativeMemory.AlignedAlloc(RegionSize, 4096);
        var rng = new Random(memorySeed);
        rng.NextBytes(_codeTemplate);
        rng.NextBytes(_dataTemplate);
        Restore();
        _unicorn = NewUnicorn();
    }

    public int MemorySeed { get; }

    /// <summary>Privileged runner: Unicorn's SCR before and after the adjustment (for the report).</summary>
    public string ScrNote { get; private set; } = "";

    public CpuSnapshot Ours { get; } = new();

    public CpuSnapshot Theirs { get; } = new();

    /// <summary>The reason of the last skipped case, or a description of the last mismatch.</summary>
    public string LastNote { get; private set; } = "";

    /// <summary>Runs a case on both sides and compares. Leaves both sides' memory at the template again.</summary>
    public CaseVerdict Run(FuzzCase c)
    {
        uint cpsr = c.Mode | c.Flags;
        if (c.HasPatch && c.PatchAddress - DataRegion <= RegionSize - 8)
        {
            Patch(c.PatchAddress, c.PatchPc, c.Flags);
            Patch(c.PatchAddress + 4, c.PatchValue, c.Flags);
        }
        *(uint*)(_ourCode + (CodeAddress - CodeRegion)) = c.Word;
        *(uint*)(_theirCode + (CodeAddress - CodeRegion)) = c.Word;
        _board.Code.OnWrite(_codeRamOffset, 4);
        _unicorn.InvalidateCode(CodeAddress, 4);

        RunOurs(cpsr, c);
        _unicorn.WriteCp15(0, 13, 0, 2, c.TpidrUrw);
        _unicorn.WriteCp15(0, 13, 0, 3, c.TpidrUro);
        if (_privileged)
        {
            _unicorn.SetBanks(c);
        }
        _unicorn.SetState(cpsr, c.Regs, CodeAddress);
        // A Thumb target our core predicts stops Unicorn before it translates Thumb code there (see UnicornArm.Step);
        // not when the target is the instruction itself, where Unicorn would stop before starting.
        bool thumbTarget = Ours.Outcome == CaseOutcome.Completed && (Ours.Cpsr & Psr.T) != 0 && Ours.R[15] != CodeAddress;
        _unicorn.Step(CodeAddress, Theirs, thumbTarget ? Ours.R[15] : 1);
        Theirs.TpidrUrw = _unicorn.ReadCp15(0, 13, 0, 2);
        if (_privileged)
        {
            _unicorn.ReadBanks(Theirs);
        }
        if (_unicorn.NeedsReset)
        {
            _unicorn.Dispose();
            _unicorn = NewUnicorn();
            EngineResets++;
        }

        CaseVerdict verdict = Compare(c);
        Restore();
        return verdict;
    }

    /// <summary>Stores a word on both sides as the case's data endianness (CPSR.E) reads it back.</summary>
    private void Patch(uint address, uint value, uint flags)
    {
        uint word = (flags & Psr.E) != 0 ? System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(value) : value;
        *(uint*)(_ourData + (address - DataRegion)) = word;
        *(uint*)(_theirData + (address - DataRegion)) = word;
    }

    /// <summary>How often Unicorn had to be rebuilt after stopping inside Thumb code.</summary>
    public int EngineResets { get; private set; }

    private UnicornArm NewUnicorn()
    {
        var unicorn = new UnicornArm();
        unicorn.MapHost(CodeRegion, _theirCode, RegionSize);
        unicorn.MapHost(DataRegion, _theirData, RegionSize);
        if (_privileged)
        {
            // FuzzExclusions.OracleAdjustments, "Unicorn's SCR.AW and SCR.FW are set".
            uint scr = unicorn.ReadCp15(0, 1, 1, 0);
            unicorn.WriteCp15(0, 1, 1, 0, scr | 0x30);
            ScrNote = $"Unicorn SCR 0x{scr:X} -> 0x{unicorn.ReadCp15(0, 1, 1, 0):X}";
        }
        return unicorn;
    }

    private void RunOurs(uint cpsr, FuzzCase c)
    {
        uint[] regs = c.Regs;
        _core.TpidrUrw = c.TpidrUrw;
        _core.TpidrUro = c.TpidrUro;
        _core.Waiting = false;
        _core.WaitingForEvent = false;
        _core.Halt = HaltReason.None;
        _core.ClearExclusive();
        _core.WriteCpsr(cpsr);
        if (_privileged)
        {
            SetOurBanks(c);
        }
        for (int i = 0; i < 15; i++)
        {
            _core.R[i] = regs[i];
        }
        _core.SetPc(CodeAddress);
        _core.Step();
        for (int i = 0; i < 15; i++)
        {
            Ours.R[i] = _core.R[i];
        }
        Ours.R[15] = _core.Pc;
        Ours.Cpsr = _core.Cpsr;
        Ours.TpidrUrw = _core.TpidrUrw;
        Ours.Detail = "";
        Ours.Outcome = _privileged ? PrivilegedOutcome() : (_core.Mode, _core.Pc) switch
        {
            (ProcessorMode.User, _) => CaseOutcome.Completed,
            (ProcessorMode.Undefined, 0x04) => CaseOutcome.Undefined,
            (ProcessorMode.Supervisor, 0x08) => CaseOutcome.SupervisorCall,
            (ProcessorMode.Abort, 0x0C) => CaseOutcome.PrefetchAbort,
            (ProcessorMode.Abort, 0x10) => CaseOutcome.DataAbort,
            _ => CaseOutcome.Other,
        };
        if (_privileged && Ours.Outcome == CaseOutcome.Completed)
        {
            ReadOurBanks();
        }
        if (Ours.Outcome == CaseOutcome.DataAbort)
        {
            Ours.Detail = $"DFSR 0x{_core.Dfsr:X} DFAR 0x{_core.Dfar:X8}";
        }
        else if (Ours.Outcome == CaseOutcome.Other)
        {
            Ours.Detail = $"mode {_core.Mode} pc 0x{_core.Pc:X8} halt {_core.Halt}";
        }
    }

    /// <summary>Privileged campaign: an exception entry lands on our vector base; anything else completed.</summary>
    private CaseOutcome PrivilegedOutcome() => (_core.Mode, _core.Pc - PrivilegedVbar) switch
    {
        (ProcessorMode.Undefined, 0x04) => CaseOutcome.Undefined,
        (ProcessorMode.Supervisor, 0x08) => CaseOutcome.SupervisorCall,
        (ProcessorMode.Abort, 0x0C) => CaseOutcome.PrefetchAbort,
        (ProcessorMode.Abort, 0x10) => CaseOutcome.DataAbort,
        _ => _core.Halt == HaltReason.None ? CaseOutcome.Completed : CaseOutcome.Other,
    };

    /// <summary>Sets every bank's SP, LR and SPSR and the unused r8-r12 bank; r0-r14 of the case's mode follow.</summary>
    private void SetOurBanks(FuzzCase c)
    {
        for (int b = 0; b < FuzzCase.BankModes.Length; b++)
        {
            var mode = (ProcessorMode)FuzzCase.BankModes[b];
            _core.WriteBanked(mode, 13, c.BankSp[b]);
            _core.WriteBanked(mode, 14, c.BankLr[b]);
            _core.WriteBanked(mode, 16, b > 0 ? c.BankSpsr[b] : 0);
        }
        uint current = c.Mode;
        _core.SwitchMode(current == FuzzCase.FiqMode ? FuzzCase.SystemMode : FuzzCase.FiqMode);
        for (int i = 0; i < 5; i++)
        {
            _core.R[8 + i] = c.OtherHigh[i];
        }
        _core.SwitchMode(current);
    }

    /// <summary>Reads the final mode's SPSR, every bank, and both r8-r12 banks from our core.</summary>
    private void ReadOurBanks()
    {
        Ours.Spsr = _core.Spsr;
        for (int b = 0; b < FuzzCase.BankModes.Length; b++)
        {
            var mode = (ProcessorMode)FuzzCase.BankModes[b];
            Ours.BankSp[b] = _core.ReadBanked(mode, 13);
            Ours.BankLr[b] = _core.ReadBanked(mode, 14);
            Ours.BankSpsr[b] = b > 0 ? _core.ReadBanked(mode, 16) : 0;
        }
        bool fiq = _core.Mode == ProcessorMode.Fiq;
        for (int i = 0; i < 5; i++)
        {
            (fiq ? Ours.FiqHigh : Ours.UsrHigh)[i] = _core.R[8 + i];
            if (fiq)
            {
                Ours.UsrHigh[i] = _core.ReadUserRegister(8 + i);
            }
        }
        if (!fiq)
        {
            uint mode = (uint)_core.Mode;
            _core.SwitchMode(FuzzCase.FiqMode);
            for (int i = 0; i < 5; i++)
            {
                Ours.FiqHigh[i] = _core.R[8 + i];
            }
            _core.SwitchMode(mode);
        }
    }

    private CaseVerdict Compare(FuzzCase c)
    {
        foreach (OutcomeRule rule in FuzzExclusions.OutcomeRules)
        {
            if (rule.Applies(c, Ours, Theirs))
            {
                LastNote = rule.Name;
                return CaseVerdict.Skipped;
            }
        }
        CaseOutcome ours = Ours.Outcome, theirs = Theirs.Outcome;
        if (theirs == CaseOutcome.Unmapped && ours == CaseOutcome.DataAbort)
        {
            return CaseVerdict.Agree; // both fault
        }
        if (ours != theirs || ours == CaseOutcome.Other)
        {
            LastNote = $"  outcome: ours {ours} {Ours.Detail}  unicorn {theirs} {Theirs.Detail}\n";
            return CaseVerdict.Mismatch;
        }
        if (ours != CaseOutcome.Completed)
        {
            return CaseVerdict.Agree; // the same exception: registers then belong to another mode, not compared
        }
        bool regsEqual = ((Ours.Cpsr ^ Theirs.Cpsr) & FuzzExclusions.CpsrCompareMask) == 0;
        for (int i = 0; i < 16; i++)
        {
            regsEqual &= Ours.R[i] == Theirs.R[i];
        }
        regsEqual &= Ours.TpidrUrw == Theirs.TpidrUrw;
        bool banksEqual = !_privileged || CpuSnapshot.BanksEqual(Ours, Theirs);
        string memoryDiff = MemoryDiff("code", CodeRegion, _ourCode, _theirCode) + MemoryDiff("data", DataRegion, _ourData, _theirData);
        if (regsEqual && banksEqual && memoryDiff.Length == 0)
        {
            return CaseVerdict.Agree;
        }
        LastNote = CpuSnapshot.Diff(Ours, Theirs, FuzzExclusions.CpsrCompareMask)
            + (_privileged ? CpuSnapshot.BanksDiff(Ours, Theirs) : "") + memoryDiff;
        return CaseVerdict.Mismatch;
    }

    /// <summary>The first differing bytes of a region on both sides, one per line (empty when equal). Also used by the Thumb runner.</summary>
    internal static string MemoryDiff(string name, uint address, byte* ours, byte* theirs)
    {
        var a = new ReadOnlySpan<byte>(ours, (int)RegionSize);
        var b = new ReadOnlySpan<byte>(theirs, (int)RegionSize);
        if (a.SequenceEqual(b))
        {
            return "";
        }
        var sb = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < a.Length && shown < 16; i++)
        {
            if (a[i] != b[i])
            {
                sb.Append($"    {name} 0x{address + (uint)i:X8}: ours {a[i]:X2}  unicorn {b[i]:X2}\n");
                shown++;
            }
        }
        return sb.ToString();
    }

    /// <summary>Puts both sides' code and data regions back to the template where they differ from it.</summary>
    private void Restore()
    {
        RestoreRegion(_codeTemplate, _ourCode);
        RestoreRegion(_codeTemplate, _theirCode);
        RestoreRegion(_dataTemplate, _ourData);
        RestoreRegion(_dataTemplate, _theirData);
    }

    /// <summary>Copies <paramref name="template"/> over a region when they differ. Also used by the Thumb runner.</summary>
    internal static void RestoreRegion(byte[] template, byte* region)
    {
        var span = new Span<byte>(region, (int)RegionSize);
        if (!span.SequenceEqual(template))
        {
            template.CopyTo(span);
        }
    }

    public void Dispose()
    {
        _unicorn.Dispose();
        _board.Dispose();
        NativeMemory.AlignedFree(_theirCode);
        NativeMemory.AlignedFree(_theirData);
    }
}
