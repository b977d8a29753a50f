// The errno values semihosting hands back through SYS_ERRNO (numbers newlib and Linux agree on).
namespace Codezero.Hal.ArmCortexA9.Semihosting;

/// <summary>
/// errno codes reported by SYS_ERRNO. QEMU passes the host's (Linux) errno through; newlib reads
/// it with its own numbering. Only values below 35, where the two agree, are used here.
/// </summary>
public static class SemihostErrno
{
    public const int NoEntry = 2;         // ENOENT
    public const int IoError = 5;         // EIO
    public const int ArgumentList = 7;    // E2BIG: SYS_GET_CMDLINE buffer too small
    public const int BadHandle = 9;       // EBADF
    public const int Access = 13;         // EACCES: outside the sandbox, no sandbox, refused operation
    public const int Fault = 14;          // EFAULT: a parameter block or buffer is not guest RAM
    public const int Exists = 17;         // EEXIST
    public const int IsDirectory = 21;    // EISDIR
    public const int Invalid = 22;        // EINVAL
    public const int TooManyOpen = 24;    // EMFILE
    public const int NotTty = 25;         // ENOTTY
    public const int NoSpace = 28;        // ENOSPC
}
