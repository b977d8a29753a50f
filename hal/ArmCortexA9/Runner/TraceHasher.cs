// A running 64-bit hash of the board's observable state, taken at every deterministic round.
namespace Codezero.Hal.ArmCortexA9.Runner;

/// <summary>FNV-1a over 32-bit words; two runs with equal hashes passed through the same states.</summary>
public struct TraceHasher
{
    private const ulong Prime = 0x0000_0100_0000_01B3;

    public ulong Value;

    public static TraceHasher Create() => new() { Value = 0xCBF2_9CE4_8422_2325 };

    public void Add(uint word)
    {
        ulong h = Value;
        for (int i = 0; i < 4; i++)
        {
            h ^= (byte)(word >> (8 * i));
            h *= Prime;
        }
        Value = h;
    }

    public void Add(long value)
    {
        Add((uint)value);
        Add((uint)(value >> 32));
    }
}
