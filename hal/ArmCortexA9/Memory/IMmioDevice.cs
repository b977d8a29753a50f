// The contract between the memory map and a memory-mapped device.
namespace Codezero.Hal.ArmCortexA9.Memory;

/// <summary>
/// A device register block on the physical bus. Offsets are relative to the block's base.
/// Returning false reports an access the device does not decode; the bus turns it into an external abort.
/// </summary>
public interface IMmioDevice
{
    /// <summary>Bytes of address space the block decodes.</summary>
    uint Size { get; }

    bool Read(int core, uint offset, int size, out uint value);

    bool Write(int core, uint offset, int size, uint value);
}
