// The A9 MPCore Snoop Control Unit registers at PERIPHBASE+0x000, as QEMU 7.2's a9scu models them.
namespace Codezero.Hal.ArmCortexA9.Devices;

/// <summary>
/// The SCU has no behaviour to model on a board without caches; these are its registers:
/// 0x00 control (only the enable bit is kept), 0x04 configuration (read-only: [1:0] number of cores - 1,
/// [7:4] the cores taking part in SMP, one bit per core present: 0xF3 for four), 0x08 CPU power status
/// (32 bits, byte-writable), 0x0C invalidate all (writes accepted, no effect; reads as zero).
/// Filtering start/end (0x40/0x44) and the access control registers (0x50/0x54) read as zero and ignore
/// writes, as in QEMU (an implementation with one AXI master). Everything else reads as zero.
/// <para>Locking: none; each register is one word written whole (a torn power-status byte write is harmless).</para>
/// </summary>
public sealed class Scu
{
    private readonly int _cores;
    private uint _control;
    private uint _powerStatus;

    internal Scu(int cores) => _cores = cores;

    /// <summary>The configuration register's value for this cluster.</summary>
    public uint Configuration => (uint)((((1 << _cores) - 1) << 4) | (_cores - 1));

    public uint Read(uint offset)
    {
        return offset switch
        {
            0x00 => _control,
            0x04 => Configuration,
            0x08 => _powerStatus,
            0x09 => _powerStatus >> 8,
            0x0A => _powerStatus >> 16,
            0x0B => _powerStatus >> 24,
            _ => 0,
        };
    }

    public void Write(uint offset, int size, uint value)
    {
        switch (offset)
        {
            case 0x00:
                _control = value & 1;
                break;
            case 0x08:
            case 0x09:
            case 0x0A:
            case 0x0B:
                int shift = (int)(offset - 0x08) * 8;
                uint mask = size == 1 ? 0xFFu : size == 2 ? 0xFFFFu : 0xFFFF_FFFFu;
                _powerStatus = (_powerStatus & ~(mask << shift)) | ((value & mask) << shift);
                break;
        }
    }
}
