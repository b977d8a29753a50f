// Fixed addresses of the user ABI: root stack, UTCB page, Kernel Interface Page, kernel vector page.
namespace Codezero.Kernel.Abi;

public static class UserLayout
{
    public const uint PageSize = 4096;

    /// <summary>Top of a root thread's stack.</summary>
    public const uint RootStackTop = 0x7FF0_0000;

    /// <summary>Size of a root thread's stack.</summary>
    public const uint RootStackSize = 64 * 1024;

    /// <summary>The page of sixteen UTCBs a root space starts with; the root thread uses slot 0.</summary>
    public const uint UtcbPage = 0x7FFF_F000;

    public const uint UtcbSize = 256;

    /// <summary>The read-only Kernel Interface Page, the same for every thread.</summary>
    public const uint KipAddress = 0xFF00_0000;

    /// <summary>The kernel's vector page (high vectors): privileged, and where idle cores wait.</summary>
    public const uint VectorPage = 0xFFFF_0000;

    /// <summary>The idle loop inside the vector page: <c>wfi; b wfi</c>.</summary>
    public const uint IdleLoop = VectorPage + 0x20;

    public const uint KipMagic = 0x5A43_344C;
    public const uint AbiVersion = 1;
}
