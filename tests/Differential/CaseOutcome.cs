// How one instruction ended on one CPU: completed, or which exception it raised.
namespace Codezero.Tests.Differential;

/// <summary>The end of a single-instruction run, as both CPUs can report it.</summary>
internal enum CaseOutcome
{
    /// <summary>The instruction retired (including a condition that failed, and a branch anywhere).</summary>
    Completed,

    /// <summary>UNDEFINED: our core vectors to 0x04 in Undefined mode; Unicorn returns UC_ERR_INSN_INVALID.</summary>
    Undefined,

    /// <summary>SVC: our core vectors to 0x08; Unicorn's interrupt hook sees EXCP_SWI.</summary>
    SupervisorCall,

    /// <summary>Prefetch abort (BKPT is a debug event taken as one): our core vectors to 0x0C; Unicorn sees EXCP_BKPT or EXCP_PREFETCH_ABORT.</summary>
    PrefetchAbort,

    /// <summary>Data abort (alignment, external): our core vectors to 0x10; Unicorn sees EXCP_DATA_ABORT.</summary>
    DataAbort,

    /// <summary>Unicorn only: a load or store touched an address it has no page for (UC_ERR_READ/WRITE_UNMAPPED).</summary>
    Unmapped,

    /// <summary>Anything else (reported with its detail).</summary>
    Other,
}
