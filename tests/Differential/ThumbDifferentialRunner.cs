// Runs one Thumb case on our core and on Unicorn, one instruction at a time, comparing the state after every step.
using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Codezero.Hal.ArmCortexA9;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Tests.Differential;

/// <summary>
/// Both CPUs and their memory, laid out as <see cref="DifferentialRunner"/> lays them out (same regions, same random
/// templates for a seed). A case's program is written at <see cref="ThumbCase.Start"/>; both sides start in User mode,
/// Thumb state, with the case's flags and ITSTATE, and step together until the program ends, an exception is taken, or
/// an instruction branches (ThumbExclusions.OracleAdjustments names how Unicorn is stepped).
/// </summary>
internal sealed unsafe class ThumbDifferentialRunner : IDisposable
{
    private const uint CodeRegion = DifferentialRunner.CodeRegion;
    private const uint DataRegion = DifferentialRunner.DataRegion;
    private const uint RegionSize = DifferentialRunner.RegionSize;

    /// <summary>Bytes of code around the code address rewritten by a case, and re-decoded on both sides.</summary>
    private const uint Window = 0x20;

    private const uint UserMode = 0x10;

    private readonly Board _board;
    private readonly ArmCore _core;
    private UnicornArm _unicorn;
    private readonly byte* _ourCode, _ourData;
    private readonly byte* _theirCode, _theirData;
    private readonly byte[] _codeTemplate = new byte[RegionSize];
    private readonly byte[] _dataTemplate = new byte[RegionSize];
    private readonly uint _windowRamOffset;

    public ThumbDifferentialRunner(int memorySeed)
    {
        MemorySeed = memorySeed;
        _board = new Board(new BoardOptions { RamSize = 1u << 20, CodeCachePages = 16, Semihosting = false });
        _core = _board.Cores[0];
        _ourCode = _board.Memory.HostPointer(CodeRegion);
        _ourData = _board.Memory.HostPointer(DataRegion);
        _windowRamOffset = (uint)_board.Memory.RamOffset(DifferentialRunner.CodeAddress);
        _theirCode = (byte*)NativeMemory.AlignedAlloc(RegionSize, 4096);
        _theirData = (byte*)NativeMemory.AlignedAlloc(RegionSize, 4096);
        var rng = new Random(memorySeed);
        rng.NextBytes(_codeTemplate);
        rng.NextBytes(_dataTemplate);
        Restore();
        _unicorn = NewUnicorn();
    }

    public int MemorySeed { get; }

    public CpuSnapshot Ours { get; } = new();

    public CpuSnapshot Theirs { get; } = new();

    /// <summary>The reason of the last skipped case, or a description of the last mismatch.</summary>
    public string LastNote { get; private set; } = "";

    /// <summary>The step of the last case that disagreed or was skipped (or the last step taken).</summary>
    public ThumbStep LastStep { get; private set; }

    /// <summary>Steps taken by the last case, and by every case so far.</summary>
    public int Steps { get; private set; }
    public long TotalSteps { get; private set; }

    /// <summary>True when the instruction under test was stepped by the last case (not cut short before it).</summary>
    public bool ReachedTest { get; private set; }

    /// <summary>True when the instruction under test was stepped with its condition passing (outside IT blocks: always).</summary>
    public bool TestConditionPassed { get; private set; }

    /// <summary>How often Unicorn was rebuilt after a step that did not stop where asked.</summary>
    public int EngineResets { get; private set; }

    /// <summary>Runs a case on both sides, comparing after every step. Leaves both sides' memory at the template again.</summary>
    public CaseVerdict Run(ThumbCase c)
    {
        for (int i = 0; i < c.Length; i++)
        {
            uint a = c.AddressOf(i), insn = c.Program[i];
            if (ThumbCase.Is32(insn))
            {
                WriteHalfword(a, insn >> 16);
                WriteHalfword(a + 2, insn & 0xFFFF);
            }
            else
            {
                WriteHalfword(a, insn);
            }
        }
        _board.Code.OnWrite(_windowRamOffset, (int)Window);
        _unicorn.InvalidateCode(DifferentialRunner.CodeAddress, Window);

        uint cpsr = UserMode | Psr.T | c.Flags | ArmCore.ItBits(c.ItStart);
        StartOurs(cpsr, c);
        _unicorn.WriteCp15(0, 13, 0, 2, c.TpidrUrw);
        _unicorn.WriteCp15(0, 13, 0, 3, c.TpidrUro);
        _unicorn.SetState(cpsr, c.Regs, c.Start | 1);

        CaseVerdict verdict = CaseVerdict.Agree;
        bool compareMemory = true;
        Steps = 0;
        ReachedTest = false;
        uint testAddress = c.AddressOf(c.TestIndex);
        for (int n = 0; n < ThumbCase.MaxProgram; n++)
        {
            uint address = _core.Pc;
            uint it = _core.ItState;
            var step = new ThumbStep(n, address, FetchOurs(address), address == testAddress, it, it == 0 || _core.ConditionPasses(it >> 4));
            LastStep = step;
            Steps++;
            if (step.IsTest && !ReachedTest)
            {
                ReachedTest = true;
                TestConditionPassed = step.ConditionPassed;
            }
            StepOurs();
            StepTheirs(step);
            verdict = CompareStep(c, step);
            if (verdict != CaseVerdict.Agree)
            {
                compareMemory = false;
                break;
            }
            if (Ours.Outcome != CaseOutcome.Completed)
            {
                compareMemory = Ours.Outcome != CaseOutcome.DataAbort;
                break; // the same exception on both, compared
            }
            if (Ours.R[15] != step.Sequential || Ours.R[15] == c.End || (Ours.Cpsr & Psr.T) == 0)
            {
                break; // a branch (compared: its target is r15) or the end of the program
            }
        }
        TotalSteps += Steps;
        if (verdict == CaseVerdict.Agree && compareMemory)
        {
            string memoryDiff = DifferentialRunner.MemoryDiff("code", CodeRegion, _ourCode, _theirCode)
                + DifferentialRunner.MemoryDiff("data", DataRegion, _ourData, _theirData);
            if (memoryDiff.Length > 0)
            {
                LastNote = "  memory after the last step:\n" + memoryDiff;
                verdict = CaseVerdict.Mismatch;
            }
        }
        if (verdict == CaseVerdict.Mismatch)
        {
            ResetEngine(); // a disagreeing step may have left Unicorn anywhere
        }
        Restore();
        return verdict;
    }

    private void WriteHalfword(uint address, uint hw)
    {
        *(ushort*)(_ourCode + (address - CodeRegion)) = (ushort)hw;
        *(ushort*)(_theirCode + (address - CodeRegion)) = (ushort)hw;
    }

    /// <summary>The instruction at <paramref name="address"/> in our memory (T32 as hw1:hw2), for the report.</summary>
    private uint FetchOurs(uint address)
    {
        if (address - CodeRegion > RegionSize - 4)
        {
            return 0;
        }
        uint hw1 = *(ushort*)(_ourCode + (address - CodeRegion));
        return hw1 >= 0xE800 ? (hw1 << 16) | *(ushort*)(_ourCode + (address - CodeRegion) + 2) : hw1;
    }

    private void StartOurs(uint cpsr, ThumbCase c)
    {
        _core.TpidrUrw = c.TpidrUrw;
        _core.TpidrUro = c.TpidrUro;
        _core.Waiting = false;
        _core.WaitingForEvent = false;
        _core.Halt = HaltReason.None;
        _core.ClearExclusive();
        _core.WriteCpsr(cpsr);
        for (int i = 0; i < 15; i++)
        {
            _core.R[i] = c.Regs[i];
        }
        _core.SetPc(c.Start);
    }

    private void StepOurs()
    {
        _core.Step();
        for (int i = 0; i < 15; i++)
        {
            Ours.R[i] = _core.R[i];
        }
        Ours.R[15] = _core.Pc;
        Ours.Cpsr = _core.Cpsr;
        Ours.TpidrUrw = _core.TpidrUrw;
        Ours.Detail = "";
        Ours.Outcome = (_core.Mode, _core.Pc) switch
        {
            (ProcessorMode.User, _) => CaseOutcome.Completed,
            (ProcessorMode.Undefined, 0x04) => CaseOutcome.Undefined,
            (ProcessorMode.Supervisor, 0x08) => CaseOutcome.SupervisorCall,
            (ProcessorMode.Abort, 0x0C) => CaseOutcome.PrefetchAbort,
            (ProcessorMode.Abort, 0x10) => CaseOutcome.DataAbort,
            _ => CaseOutcome.Other,
        };
        Ours.Spsr = Ours.Outcome == CaseOutcome.Completed ? 0 : _core.Spsr;
        if (Ours.Outcome == CaseOutcome.DataAbort)
        {
            Ours.Detail = $"DFSR 0x{_core.Dfsr:X} DFAR 0x{_core.Dfar:X8}";
        }
        else if (Ours.Outcome == CaseOutcome.Other)
        {
            Ours.Detail = $"mode {_core.Mode} pc 0x{_core.Pc:X8} halt {_core.Halt}";
        }
    }

    /// <summary>
    /// Steps Unicorn over the instruction our core just ran: until the address our core went to, or, after an exception
    /// of ours, the next address in sequence; a branch to its own address runs by count (ThumbExclusions.OracleAdjustments).
    /// </summary>
    private void StepTheirs(ThumbStep step)
    {
        uint until = Ours.Outcome != CaseOutcome.Completed ? step.Sequential
            : Ours.R[15] != step.Address ? Ours.R[15] & ~1u
            : 1;
        _unicorn.Step(step.Address | 1, Theirs, until, 1);
        Theirs.TpidrUrw = _unicorn.ReadCp15(0, 13, 0, 2);
        bool stoppedWhereAsked = Theirs.Outcome != CaseOutcome.Completed || Theirs.R[15] == until;
        if (!stoppedWhereAsked || Theirs.Outcome == CaseOutcome.Other)
        {
            ResetEngine();
        }
    }

    private void ResetEngine()
    {
        _unicorn.Dispose();
        _unicorn = NewUnicorn();
        EngineResets++;
    }

    private UnicornArm NewUnicorn()
    {
        var unicorn = new UnicornArm();
        unicorn.MapHost(CodeRegion, _theirCode, RegionSize);
        unicorn.MapHost(DataRegion, _theirData, RegionSize);
        return unicorn;
    }

    /// <summary>Our LR after an exception minus this is the address the exception returns to (Thumb state).</summary>
    private static uint ReturnOffset(CaseOutcome kind) => kind switch
    {
        CaseOutcome.Undefined => 2,
        CaseOutcome.PrefetchAbort => 4,
        CaseOutcome.DataAbort => 8,
        _ => 0,
    };

    private CaseVerdict CompareStep(ThumbCase c, ThumbStep step)
    {
        foreach (ThumbOutcomeRule rule in ThumbExclusions.OutcomeRules)
        {
            if (rule.Applies(c, step, Ours, Theirs))
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
            LastNote = $"  step {step.Index} at 0x{step.Address:X8}: ours {ours} {Ours.Detail}  unicorn {theirs} {Theirs.Detail}\n"
                + (ours == CaseOutcome.Completed ? "" : $"    ours: lr 0x{Ours.R[14]:X8} spsr 0x{Ours.Spsr:X8}\n")
                + CpuSnapshot.Diff(Ours, Theirs, ThumbExclusions.CpsrCompareMask);
            return CaseVerdict.Mismatch;
        }
        var sb = new StringBuilder();
        if (ours != CaseOutcome.Completed)
        {
            // The same exception: where it returns to, what it saved, and r0-r12 (r13/r14 of ours are the exception mode's).
            uint returnTo = Ours.R[14] - ReturnOffset(ours);
            if (returnTo != Theirs.R[15])
            {
                sb.Append(CultureInfo.InvariantCulture, $"    return address: ours 0x{returnTo:X8} (lr 0x{Ours.R[14]:X8})  unicorn pc 0x{Theirs.R[15]:X8}\n");
            }
            if (((Ours.Spsr ^ Theirs.Cpsr) & ThumbExclusions.CpsrCompareMask) != 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"    saved cpsr: ours spsr 0x{Ours.Spsr:X8}  unicorn cpsr 0x{Theirs.Cpsr:X8}\n");
            }
            for (int i = 0; i < 13 && ours != CaseOutcome.DataAbort; i++)
            {
                if (Ours.R[i] != Theirs.R[i])
                {
                    sb.Append(CultureInfo.InvariantCulture, $"    r{i}: ours 0x{Ours.R[i]:X8}  unicorn 0x{Theirs.R[i]:X8}\n");
                }
            }
        }
        else
        {
            sb.Append(CpuSnapshot.Diff(Ours, Theirs, ThumbExclusions.CpsrCompareMask));
        }
        if (sb.Length == 0)
        {
            return CaseVerdict.Agree;
        }
        LastNote = $"  step {step.Index} at 0x{step.Address:X8} ({(step.IsTest ? "under test" : Codezero.Hal.ArmCortexA9.Decoder.ThumbDecoder.NameOf(step.Insn))}), {ours}:\n" + sb;
        return CaseVerdict.Mismatch;
    }

    /// <summary>Puts both sides' code and data regions back to the template where they differ from it.</summary>
    private void Restore()
    {
        DifferentialRunner.RestoreRegion(_codeTemplate, _ourCode);
        DifferentialRunner.RestoreRegion(_codeTemplate, _theirCode);
        DifferentialRunner.RestoreRegion(_dataTemplate, _ourData);
        DifferentialRunner.RestoreRegion(_dataTemplate, _theirData);
    }

    public void Dispose()
    {
        _unicorn.Dispose();
        _board.Dispose();
        NativeMemory.AlignedFree(_theirCode);
        NativeMemory.AlignedFree(_theirData);
    }
}
