// The A32 condition codes (EQ..AL) evaluated against NZCV.
namespace Codezero.Hal.ArmCortexA9.Cpu;

/// <summary>Condition-code evaluation; used to build each core's lookup table.</summary>
public static class Conditions
{
    /// <summary>ConditionPassed() of the ARM ARM for a 4-bit condition and NZCV in bits 31:28.</summary>
    public static bool Passes(uint cond, uint nzcv)
    {
        bool n = (nzcv & Psr.N) != 0, z = (nzcv & Psr.Z) != 0, c = (nzcv & Psr.C) != 0, v = (nzcv & Psr.V) != 0;
        bool result = (cond >> 1) switch
        {
            0 => z,
            1 => c,
            2 => n,
            3 => v,
            4 => c && !z,
            5 => n == v,
            6 => !z && n == v,
            _ => true,
        };
        return (cond & 1) != 0 && cond != 15 ? !result : result;
    }
}
