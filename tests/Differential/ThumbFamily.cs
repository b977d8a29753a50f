// The Thumb instruction families the Thumb fuzzer's rules tell apart (from a row's mnemonic).
namespace Codezero.Tests.Differential;

/// <summary>Families of <see cref="ThumbRowInfo"/>, named after the first word of a row's name; <see cref="Other"/> for the rest.</summary>
internal enum ThumbFamily
{
    Other,

    /// <summary>B, B&lt;c&gt;, BL, BLX (immediate), CBZ, CBNZ: a PC-relative target.</summary>
    Branch,

    /// <summary>BX, BXJ, BLX (register): an interworking target from a register.</summary>
    BranchExchange,

    /// <summary>TBB, TBH: a branch through a table in memory.</summary>
    TableBranch,

    /// <summary>IT (and, with mask 0000, the hints that share its encoding).</summary>
    It,

    /// <summary>Single loads and stores (LDR*, STR* other than the dual and exclusive forms).</summary>
    LoadStore,

    /// <summary>LDRD, STRD.</summary>
    LoadStoreDual,

    /// <summary>LDM, STM, PUSH, POP and their variants.</summary>
    LoadStoreMultiple,

    /// <summary>LDREX*, STREX*.</summary>
    Exclusive,

    /// <summary>PLD, PLDW, PLI.</summary>
    Preload,

    /// <summary>NOP, YIELD, WFE, WFI, SEV, DBG, CLREX, DSB, DMB, ISB.</summary>
    Hint,

    /// <summary>MRS, MSR, CPS, SETEND, SRS, RFE.</summary>
    StatusRegister,

    /// <summary>SVC, BKPT, UDF, SMC.</summary>
    ExceptionGenerating,

    /// <summary>MCR, MRC and the other coprocessor instructions.</summary>
    Coprocessor,
}
