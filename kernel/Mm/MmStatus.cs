// Outcomes of the memory-management operations (mapped to errno values at the system-call boundary).
namespace Codezero.Kernel.Mm;

public enum MmStatus
{
    Ok,
    /// <summary>Misaligned, out of the user half, an empty range, or a flag combination that means nothing.</summary>
    InvalidArgument,
    /// <summary>No frame was left for a page table.</summary>
    OutOfMemory,
    /// <summary>A page in the range is already mapped.</summary>
    AlreadyMapped,
    /// <summary>A page in the range is not mapped.</summary>
    NotMapped,
}
