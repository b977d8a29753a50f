// Operation numbers (r0) of ARM semihosting v2 and the ADP stop reasons SYS_EXIT understands.
namespace Codezero.Hal.ArmCortexA9.Semihosting;

/// <summary>
/// The semihosting operations, numbered as in ARM's "Semihosting for AArch32 and AArch64" (v2).
/// The guest puts one in r0 and a parameter (usually a block pointer) in r1.
/// </summary>
public enum SemihostOperation : uint
{
    Open = 0x01,
    Close = 0x02,
    WriteC = 0x03,
    Write0 = 0x04,
    Write = 0x05,
    Read = 0x06,
    ReadC = 0x07,
    IsError = 0x08,
    IsTty = 0x09,
    Seek = 0x0A,
    Flen = 0x0C,
    TmpNam = 0x0D,
    Remove = 0x0E,
    Rename = 0x0F,
    Clock = 0x10,
    Time = 0x11,
    System = 0x12,
    Errno = 0x13,
    GetCmdline = 0x15,
    HeapInfo = 0x16,
    Exit = 0x18,
    SyncCache = 0x19,
    ExitExtended = 0x20,
    Elapsed = 0x30,
    TickFreq = 0x31,
}
