// A reference to a kernel object: its slot index and the slot's generation when it was allocated.
namespace Codezero.Kernel.Memory;

/// <summary>Generation plus index, as Ryujinx's handles and seL4's badges: stale references are detectable.</summary>
public readonly record struct PoolHandle(int Index, uint Generation)
{
    /// <summary>The "no object" handle.</summary>
    public static PoolHandle None => default;

    public bool IsNone => Index == 0;
}
