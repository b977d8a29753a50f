// Handlers of LDM/STM in all four addressing modes, their user-bank forms and LDM exception return.
using System;
using System.Numerics;
using Codezero.Hal.ArmCortexA9.Cpu;

namespace Codezero.Hal.ArmCortexA9.Isa;

/// <summary>
/// Block transfers. Loads gather every word before committing anything, so a data abort part-way
/// leaves all registers, the base included, as they were (the ARMv7 abort model).
/// </summary>
internal static unsafe class LoadStoreMultiple
{
    private const uint PBit = 1u << 24;
    private const uint UBit = 1u << 23;
    private const uint WBit = 1u << 21;

    /// <summary>Lowest address transferred and the base register's final value.</summary>
    private static uint Addresses(ArmCore core, uint raw, int count, out uint writeBack)
    {
        uint rn = core.R[(raw >> 16) & 15];
        uint bytes = (uint)count * 4;
        if ((raw & UBit) != 0)
        {
            writeBack = rn + bytes;
            return (raw & PBit) != 0 ? rn + 4 : rn;
        }
        writeBack = rn - bytes;
        return (raw & PBit) != 0 ? rn - bytes : rn - bytes + 4;
    }

    private static bool Gather(ArmCore core, uint address, uint list, uint* values)
    {
        int i = 0;
        while (list != 0)
        {
            if (!core.Read32Aligned(address, out values[i]))
            {
                return false;
            }
            address += 4;
            i++;
            list &= list - 1;
        }
        return true;
    }

    /// <summary>
    /// The common part of LDM and its exception-return form: gathers every word, then writes back the
    /// base and r0-r14 of the list. Returns false after a data abort; <paramref name="pcValue"/> is the
    /// word loaded for r15 when the list holds it.
    /// </summary>
    private static bool LoadRegisters(ArmCore core, uint raw, uint list, out uint pcValue)
    {
        pcValue = 0;
        uint address = Addresses(core, raw, BitOperations.PopCount(list), out uint writeBack);
        uint* values = stackalloc uint[16];
        if (!Gather(core, address, list, values))
        {
            return false;
        }
        if ((raw & WBit) != 0)
        {
            core.R[(raw >> 16) & 15] = writeBack;
        }
        int i = 0;
        for (uint bits = list & 0x7FFF; bits != 0; bits &= bits - 1)
        {
            core.R[BitOperations.TrailingZeroCount(bits)] = values[i++];
        }
        if ((list & 0x8000) != 0)
        {
            pcValue = values[i];
        }
        return true;
    }

    // LDM{IA,IB,DA,DB}<c> <Rn>{!}, <registers>
    public static void LoadMultiple(ArmCore core, uint raw)
    {
        uint list = raw & 0xFFFF;
        if (list == 0)
        {
            core.Undefined(); // empty list: UNPREDICTABLE, UNDEFINED here
            return;
        }
        if (LoadRegisters(core, raw, list, out uint pc) && (list & 0x8000) != 0)
        {
            core.BxWritePc(pc);
        }
    }

    // STM{IA,IB,DA,DB}<c> <Rn>{!}, <registers>
    public static void StoreMultiple(ArmCore core, uint raw)
    {
        uint list = raw & 0xFFFF;
        int count = BitOperations.PopCount(list);
        if (count == 0)
        {
            core.Undefined();
            return;
        }
        uint address = Addresses(core, raw, count, out uint writeBack);
        for (uint bits = list; bits != 0; bits &= bits - 1)
        {
            if (!core.Write32Aligned(address, core.R[BitOperations.TrailingZeroCount(bits)]))
            {
                return;
            }
            address += 4;
        }
        if ((raw & WBit) != 0)
        {
            core.R[(raw >> 16) & 15] = writeBack;
        }
    }

    // LDM{IA,IB,DA,DB}<c> <Rn>, <registers without pc>^   (User-mode registers)
    public static void LoadMultipleUser(ArmCore core, uint raw)
    {
        uint list = raw & 0x7FFF;
        int count = BitOperations.PopCount(list);
        if (count == 0 || !core.HasSpsr)
        {
            core.Undefined(); // UNPREDICTABLE in User/System mode or with an empty list
            return;
        }
        uint address = Addresses(core, raw, count, out _);
        uint* values = stackalloc uint[16];
        if (!Gather(core, address, list, values))
        {
            return;
        }
        int i = 0;
        for (uint bits = list; bits != 0; bits &= bits - 1)
        {
            core.WriteUserRegister(BitOperations.TrailingZeroCount(bits), values[i++]);
        }
    }

    // STM{IA,IB,DA,DB}<c> <Rn>, <registers>^   (User-mode registers)
    public static void StoreMultipleUser(ArmCore core, uint raw)
    {
        uint list = raw & 0xFFFF;
        int count = BitOperations.PopCount(list);
        if (count == 0 || !core.HasSpsr)
        {
            core.Undefined();
            return;
        }
        uint address = Addresses(core, raw, count, out _);
        for (uint bits = list; bits != 0; bits &= bits - 1)
        {
            if (!core.Write32Aligned(address, core.ReadUserRegister(BitOperations.TrailingZeroCount(bits))))
            {
                return;
            }
            address += 4;
        }
    }

    // LDM{IA,IB,DA,DB}<c> <Rn>{!}, <registers with pc>^   (exception return: CPSR takes SPSR)
    public static void LoadMultipleExceptionReturn(ArmCore core, uint raw)
    {
        if (!core.HasSpsr)
        {
            core.Undefined();
            return;
        }
        if (LoadRegisters(core, raw, raw & 0xFFFF, out uint pc))
        {
            DataProcessing.ExceptionReturn(core, pc);
        }
    }
}
