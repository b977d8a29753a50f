// Minimal source-generated P/Invoke binding to Unicorn 2 (libunicorn.so.2) for the A32 differential fuzzer.
using System.Runtime.InteropServices;

namespace Codezero.Tests.Differential;

/// <summary>
/// The few Unicorn 2 entry points the fuzzer needs. Every parameter is blittable, so the source generator
/// emits plain calls with no marshalling (AOT-friendly). Constants are copied from the headers of
/// Debian's <c>libunicorn-dev</c> 2.0.1 (<c>unicorn/unicorn.h</c>, <c>unicorn/arm.h</c>) and were checked
/// by experiment, so only <c>libunicorn2</c> is needed at run time.
/// </summary>
internal static unsafe partial class Unicorn
{
    private const string Library = "libunicorn.so.2";

    // uc_arch / uc_mode
    public const int UC_ARCH_ARM = 1;
    public const int UC_MODE_ARM = 0;             // A32 state, little-endian (UC_MODE_LITTLE_ENDIAN = 0)

    // uc_err
    public const int UC_ERR_OK = 0;
    public const int UC_ERR_READ_UNMAPPED = 6;
    public const int UC_ERR_WRITE_UNMAPPED = 7;
    public const int UC_ERR_FETCH_UNMAPPED = 8;
    public const int UC_ERR_INSN_INVALID = 10;    // how Unicorn reports an UNDEFINED instruction (EXCP_UDEF)
    public const int UC_ERR_READ_UNALIGNED = 16;
    public const int UC_ERR_WRITE_UNALIGNED = 17;
    public const int UC_ERR_EXCEPTION = 21;       // an exception no hook took

    // uc_prot
    public const uint UC_PROT_ALL = 7;

    // uc_hook_type
    public const int UC_HOOK_INTR = 1;

    // QEMU's ARM exception numbers as an interrupt hook receives them (target/arm/cpu.h).
    public const uint EXCP_UDEF = 1;
    public const uint EXCP_SWI = 2;
    public const uint EXCP_PREFETCH_ABORT = 3;
    public const uint EXCP_DATA_ABORT = 4;
    public const uint EXCP_BKPT = 7;

    // uc_ctl: UC_CTL(type, nr, rw) = type | nr << 26 | rw << 30, with UC_CTL_IO_WRITE = 1.
    public const uint UC_CTL_CPU_MODEL_WRITE = 7u | (1u << 26) | (1u << 30);        // 0x44000007
    public const uint UC_CTL_TB_REMOVE_CACHE_WRITE = 9u | (2u << 26) | (1u << 30);  // 0x48000009

    // uc_cpu_arm: 926, 946, 1026, 1136_R2, 1136, 1176, 11MPCORE, M0, M3, M4, M7, M33, R5, R5F, A7, A8, A9.
    // Checked: MRC p15,0,r0,c0,c0,0 reads MIDR 0x410FC090 with this model.
    public const int UC_CPU_ARM_CORTEX_A9 = 16;

    // uc_arm_reg
    public const int UC_ARM_REG_CPSR = 3;
    public const int UC_ARM_REG_LR = 10;          // = R14
    public const int UC_ARM_REG_PC = 11;          // = R15
    public const int UC_ARM_REG_SP = 12;          // = R13
    public const int UC_ARM_REG_SPSR = 13;        // the current mode's SPSR
    public const int UC_ARM_REG_R0 = 66;          // R0..R12 are consecutive: 66..78
    public const int UC_ARM_REG_CP_REG = 139;     // value is a uc_arm_cp_reg

    /// <summary>uc_arm_cp_reg: a coprocessor register named as MRC/MCR name it (40 bytes, val at offset 32).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct ArmCpReg
    {
        public uint Cp, Is64, Sec, CRn, CRm, Opc1, Opc2;
        public ulong Value;
    }

    /// <summary>The uc_arm_reg id of r<paramref name="n"/> (0-15).</summary>
    public static int ArmReg(int n) => n switch
    {
        13 => UC_ARM_REG_SP,
        14 => UC_ARM_REG_LR,
        15 => UC_ARM_REG_PC,
        _ => UC_ARM_REG_R0 + n,
    };

    [LibraryImport(Library, EntryPoint = "uc_open")]
    public static partial int Open(int arch, int mode, out nint uc);

    [LibraryImport(Library, EntryPoint = "uc_close")]
    public static partial int Close(nint uc);

    // uc_ctl is variadic. On x86-64 System V, integer variadic arguments travel in the same registers as
    // fixed ones (AL only bounds the vector registers the callee spills), so fixed-arity declarations
    // of the exact shapes used are sound there. Not portable to Apple arm64, where varargs go on the stack.
    [LibraryImport(Library, EntryPoint = "uc_ctl")]
    public static partial int Ctl(nint uc, uint control, long arg);

    [LibraryImport(Library, EntryPoint = "uc_ctl")]
    public static partial int Ctl(nint uc, uint control, ulong arg1, ulong arg2);

    [LibraryImport(Library, EntryPoint = "uc_mem_map")]
    public static partial int MemMap(nint uc, ulong address, nuint size, uint perms);

    /// <summary>Maps host memory (page-aligned, a multiple of 4 KiB) so both sides can be compared in place.</summary>
    [LibraryImport(Library, EntryPoint = "uc_mem_map_ptr")]
    public static partial int MemMapPtr(nint uc, ulong address, nuint size, uint perms, void* ptr);

    [LibraryImport(Library, EntryPoint = "uc_mem_write")]
    public static partial int MemWrite(nint uc, ulong address, void* bytes, nuint size);

    [LibraryImport(Library, EntryPoint = "uc_mem_read")]
    public static partial int MemRead(nint uc, ulong address, void* bytes, nuint size);

    [LibraryImport(Library, EntryPoint = "uc_reg_read")]
    public static partial int RegRead(nint uc, int regid, void* value);

    [LibraryImport(Library, EntryPoint = "uc_reg_write")]
    public static partial int RegWrite(nint uc, int regid, void* value);

    [LibraryImport(Library, EntryPoint = "uc_emu_start")]
    public static partial int EmuStart(nint uc, ulong begin, ulong until, ulong timeout, nuint count);

    [LibraryImport(Library, EntryPoint = "uc_emu_stop")]
    public static partial int EmuStop(nint uc);

    // uc_hook_add is variadic only after `end` (for UC_HOOK_INSN); the fixed part is declared here.
    [LibraryImport(Library, EntryPoint = "uc_hook_add")]
    public static partial int HookAdd(nint uc, out nuint hook, int type, void* callback, void* userData, ulong begin, ulong end);

    [LibraryImport(Library, EntryPoint = "uc_errno")]
    public static partial int Errno(nint uc);

    [LibraryImport(Library, EntryPoint = "uc_strerror")]
    private static partial nint StrErrorPtr(int code);

    /// <summary>Unicorn's text for an error code.</summary>
    public static string StrError(int code) => Marshal.PtrToStringUTF8(StrErrorPtr(code)) ?? $"uc_err {code}";

    /// <summary>Throws when a Unicorn call failed.</summary>
    public static void Check(int err, string what)
    {
        if (err != UC_ERR_OK)
        {
            throw new System.InvalidOperationException($"{what} failed: {StrError(err)} ({err})");
        }
    }
}
