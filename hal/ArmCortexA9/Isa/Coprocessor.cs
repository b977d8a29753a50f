// Handlers of MCR and MRC to CP15, the system-control coprocessor.
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa;

/// <summary>
/// Only CP15 is modelled. CP10/CP11 (VFP, NEON) stay disabled in CPACR, and CP14 debug registers are
/// not modelled, so every other coprocessor encoding decodes as UNDEFINED.
/// </summary>
internal static unsafe class Coprocessor
{
    private static uint Opc1(uint raw) => (raw >> 21) & 7;
    private static uint CRn(uint raw) => (raw >> 16) & 15;
    private static uint CRm(uint raw) => raw & 15;
    private static uint Opc2(uint raw) => (raw >> 5) & 7;

    // MCR<c> p15, <opc1>, <Rt>, <CRn>, <CRm>{, <opc2>}
    public static void Mcr(ArmCore core, uint raw)
    {
        int t = (int)(raw >> 12) & 15;
        if (t == 15 || !core.WriteCp15(Opc1(raw), CRn(raw), CRm(raw), Opc2(raw), core.R[t]))
        {
            core.Undefined();
        }
    }

    // MRC<c> p15, <opc1>, <Rt>, <CRn>, <CRm>{, <opc2>}   (Rt = 15 writes APSR.NZCV)
    public static void Mrc(ArmCore core, uint raw)
    {
        if (!core.ReadCp15(Opc1(raw), CRn(raw), CRm(raw), Opc2(raw), out uint value))
        {
            core.Undefined();
            return;
        }
        int t = (int)(raw >> 12) & 15;
        if (t == 15)
        {
            core.Nzcv = value & Psr.Nzcv;
        }
        else
        {
            core.R[t] = value;
        }
    }
}
