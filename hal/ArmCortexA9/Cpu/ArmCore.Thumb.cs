// Thumb state: the interpreter loop over halfword-indexed decoded pages, ITSTATE, and Thumb instruction fetch.
using System.Runtime.CompilerServices;
using Codezero.Hal.ArmCortexA9.Decoder;
using Codezero.Hal.ArmCortexA9.Memory;

namespace Codezero.Hal.ArmCortexA9.Cpu;

public sealed unsafe partial class ArmCore
{
    /// <summary>Soft-TLB index offset of Thumb-state fetch entries, so a page run in both states keeps both.</summary>
    private const uint ThumbFetchSlot = SoftTlb.Size / 2;

    /// <summary>
    /// ITSTATE, IT[7:0] of the CPSR: the base condition in bits 7:5 and the mask that says how many
    /// instructions of the IT block are left and which condition each takes. Zero outside IT blocks.
    /// While an instruction of an IT block executes this already holds the value for the next one.
    /// </summary>
    public uint ItState;

    /// <summary>
    /// ITSTATE as the executing instruction found it. Faults (UNDEFINED, aborts) return to the instruction
    /// itself, so their SPSR takes this value; SVC returns past it, so its SPSR takes <see cref="ItState"/>.
    /// Equal to ItState at every instruction boundary.
    /// </summary>
    private uint _itAtStart;

    /// <summary>
    /// InITBlock(): true while the executing instruction belongs to an IT block. Together with
    /// <see cref="ItState"/> (already advanced, so zero for the last instruction of a block) it gives
    /// LastInITBlock() to the handlers of encodings that an IT block restricts.
    /// </summary>
    internal bool InItBlock => _itAtStart != 0;

    /// <summary>True in Thumb state (CPSR.T).</summary>
    public bool InThumbState => (Control & Psr.T) != 0;

    /// <summary>ITSTATE laid out in the CPSR: IT[1:0] in bits 26:25, IT[7:2] in bits 15:10.</summary>
    internal static uint ItBits(uint it) => ((it & 3) << 25) | ((it & 0xFC) << 8);

    /// <summary>ITSTATE taken from CPSR bits.</summary>
    internal static uint ItFromPsr(uint psr) => ((psr >> 25) & 3) | ((psr >> 8) & 0xFC);

    /// <summary>ITAdvance(): the ITSTATE of the next instruction of the block (0 after the last).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint ItAdvance(uint it) => (it & 7) == 0 ? 0 : (it & 0xE0) | ((it << 1) & 0x1F);

    /// <summary>Sets ITSTATE at an instruction boundary (IT itself, exception returns, context loads).</summary>
    internal void SetItState(uint it)
    {
        ItState = it & 0xFF;
        _itAtStart = ItState;
    }

    /// <summary>
    /// Runs Thumb instructions from <paramref name="pc"/> until the block ends (as the ARM loop does: a
    /// page boundary, a handler setting <see cref="StopBlock"/>, or the budget). Returns the next PC.
    /// Outside IT blocks the loop calls handlers without looking at ITSTATE; an IT instruction stops that
    /// loop (<see cref="BeginItBlock"/>), the block's instructions run one by one under their conditions,
    /// and the plain loop resumes after it on the same page.
    /// </summary>
    private uint RunThumbBlock(uint pc)
    {
        DecodedInsn* page = FetchThumbPage(pc);
        if (page == null)
        {
            _left--;
            return NextPc; // the prefetch abort was taken; it uses up the aborted instruction's step
        }
        uint pageBase = pc & 0xFFFF_F000;
        while (true)
        {
            while (ItState != 0)
            {
                DecodedInsn* insn = page + ((pc >> 1) & 2047);
                R[15] = pc + 4;
                NextPc = pc + (insn->Reserved & ThumbDecoder.LengthMask);
                ExecuteInItBlock(insn);
                pc = NextPc;
                _left--;
                if ((pc ^ pageBase) >= 0x1000 || StopBlock || _left <= 0)
                {
                    return pc;
                }
            }
            do
            {
                DecodedInsn* insn = page + ((pc >> 1) & 2047);
                delegate*<ArmCore, uint, void> handler = insn->Handler;
                uint raw = insn->Raw;
                R[15] = pc + 4;
                NextPc = pc + (insn->Reserved & ThumbDecoder.LengthMask);
                handler(this, raw);
                pc = NextPc;
                _left--;
            }
            while ((pc ^ pageBase) < 0x1000 && !StopBlock && _left > 0);
            if (!_itBlockBegun)
            {
                return pc;
            }
            _itBlockBegun = false; // the IT instruction alone stopped the loop: go on in the block
            StopBlock = false;
            if ((pc ^ pageBase) >= 0x1000 || _left <= 0)
            {
                StopBlock = true;
                return pc;
            }
        }
    }

    /// <summary>Set by <see cref="BeginItBlock"/> when the stop of the plain Thumb loop only means "an IT block starts".</summary>
    private bool _itBlockBegun;

    /// <summary>
    /// The IT instruction: ITSTATE takes firstcond:mask, and the plain loop (which does not look at
    /// ITSTATE) hands over to the conditional one.
    /// </summary>
    internal void BeginItBlock(uint firstCondAndMask)
    {
        SetItState(firstCondAndMask);
        _itBlockBegun = true;
        StopBlock = true;
    }

    /// <summary>One instruction of an IT block: its condition comes from ITSTATE, which advances past it.</summary>
    private void ExecuteInItBlock(DecodedInsn* insn)
    {
        uint it = ItState;
        ItState = ItAdvance(it);
        if (ConditionPasses(it >> 4))
        {
            if ((insn->Reserved & ThumbDecoder.ItSensitiveFlag) != 0)
            {
                LoweredInsn inIt = ThumbDecoder.Decode16(insn->Reserved >> 16, inItBlock: true);
                inIt.Handler(this, inIt.Raw);
            }
            else
            {
                insn->Handler(this, insn->Raw);
            }
        }
        else if ((insn->Reserved >> 24) == 0xBE && (insn->Reserved & ThumbDecoder.LengthMask) == 2)
        {
            insn->Handler(this, insn->Raw); // BKPT executes whatever the condition
        }
        _itAtStart = ItState;
    }

    /// <summary>The Thumb-decoded page holding <paramref name="pc"/>, or null after taking a prefetch abort.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal DecodedInsn* FetchThumbPage(uint pc)
    {
        uint i = FetchSlot(pc, thumb: true);
        if (_softTlb.FetchTag[i] == (pc & 0xFFFF_F000))
        {
            return (DecodedInsn*)_softTlb.FetchPage[i];
        }
        return FetchPageSlow(pc, thumb: true);
    }

    /// <summary>
    /// Fetches one instruction halfword through the MMU (the second half of a T32 encoding that crosses a
    /// page). False after taking the prefetch abort, which reports the instruction being executed.
    /// </summary>
    internal bool FetchHalfword(uint va, out uint hw)
    {
        hw = 0;
        if (!TranslateFetch(va, CurrentInstructionAddress, out uint ramPage))
        {
            return false;
        }
        hw = *(ushort*)(Board.Memory.Ram + ((nuint)ramPage << 12) + (va & 0xFFE));
        return true;
    }

    /// <summary>
    /// Translates an instruction fetch from <paramref name="va"/> to its RAM page; on failure takes the prefetch
    /// abort of the instruction at <paramref name="instructionAddress"/> and returns false.
    /// </summary>
    private bool TranslateFetch(uint va, uint instructionAddress, out uint ramPage)
    {
        ramPage = 0;
        if (!Translate(va, AccessKind.Execute, IsUserMode, out uint pa, out uint fault))
        {
            PrefetchAbort(instructionAddress, va, fault & 0x1F);
            return false;
        }
        long offset = Board.Memory.RamOffset(pa);
        if (offset < 0)
        {
            PrefetchAbort(instructionAddress, va, FaultStatus.SyncExternal);
            return false;
        }
        ramPage = (uint)(offset >> 12);
        return true;
    }
}
