// Thread ids as user code sees them: container, slot generation and slot packed into one positive word.
namespace Codezero.Kernel.Abi;

/// <summary>
/// <c>container &lt;&lt; 24 | generation &lt;&lt; 12 | slot</c>: container 1-127, the low 12 bits of the
/// slot's pool generation, and the slot (1-4095). NIL and ANY are the two special values.
/// </summary>
public static class ThreadId
{
    public const uint Nil = 0xFFFF_FFFF;
    public const uint Any = 0xFFFF_FFFE;

    /// <summary>Largest thread pool the id format can name.</summary>
    public const int MaxSlots = 4095;

    public static uint Make(int container, uint generation, int slot)
        => ((uint)container << 24) | ((generation & 0xFFF) << 12) | (uint)slot;

    public static int Slot(uint tid) => (int)(tid & 0xFFF);

    public static uint Generation(uint tid) => (tid >> 12) & 0xFFF;

    public static int Container(uint tid) => (int)(tid >> 24);
}
