// Table rows: data processing (immediate, immediate shift, register shift), MOVW, MOVT.
using System.Collections.Generic;
using Codezero.Hal.ArmCortexA9.Isa;

namespace Codezero.Hal.ArmCortexA9.Decoder;

public static unsafe partial class A32Table
{
    private static readonly string[] s_aluMnemonics =
    {
        "AND", "EOR", "SUB", "RSB", "ADD", "ADC", "SBC", "RSC", "TST", "TEQ", "CMP", "CMN", "ORR", "MOV", "BIC", "MVN",
    };

    private static void AddDataProcessing(List<A32Row> rows)
    {
        for (int opcode = 0; opcode < 16; opcode++)
        {
            bool isTest = opcode is >= 8 and <= 11;
            bool isMove = opcode is 13 or 15;
            string op = ToBits((uint)opcode, 4);
            string rn = isMove ? "0000" : "nnnn";
            string rd = isTest ? "0000" : "dddd";
            for (int s = isTest ? 1 : 0; s <= 1; s++)
            {
                string name = s_aluMnemonics[opcode] + (s == 1 && !isTest ? "S" : "");
                string sBit = s == 1 ? "1" : "0";
                rows.Add(new A32Row(name + " (imm)", $"cccc 001{op}{sBit} {rn} {rd} rrrr iiii iiii", Pick(opcode, OperandForm.Immediate, s == 1)));
                rows.Add(new A32Row(name + " (reg)", $"cccc 000{op}{sBit} {rn} {rd} iiii itt0 mmmm", Pick(opcode, OperandForm.ImmediateShift, s == 1)));
                rows.Add(new A32Row(name + " (rsr)", $"cccc 000{op}{sBit} {rn} {rd} ssss 0tt1 mmmm", Pick(opcode, OperandForm.RegisterShift, s == 1)));
            }
        }
        rows.Add(new A32Row("MOVW", "cccc 0011 0000 iiii dddd iiii iiii iiii", &DataProcessing.MovW));
        rows.Add(new A32Row("MOVT", "cccc 0011 0100 iiii dddd iiii iiii iiii", &DataProcessing.MovT));
    }

    private static delegate*<Cpu.ArmCore, uint, void> Pick(int opcode, OperandForm form, bool s) => opcode switch
    {
        0 => DataProcessing.Pick<AndOp>(form, s),
        1 => DataProcessing.Pick<EorOp>(form, s),
        2 => DataProcessing.Pick<SubOp>(form, s),
        3 => DataProcessing.Pick<RsbOp>(form, s),
        4 => DataProcessing.Pick<AddOp>(form, s),
        5 => DataProcessing.Pick<AdcOp>(form, s),
        6 => DataProcessing.Pick<SbcOp>(form, s),
        7 => DataProcessing.Pick<RscOp>(form, s),
        8 => DataProcessing.Pick<TstOp>(form, s),
        9 => DataProcessing.Pick<TeqOp>(form, s),
        10 => DataProcessing.Pick<CmpOp>(form, s),
        11 => DataProcessing.Pick<CmnOp>(form, s),
        12 => DataProcessing.Pick<OrrOp>(form, s),
        13 => DataProcessing.Pick<MovOp>(form, s),
        14 => DataProcessing.Pick<BicOp>(form, s),
        _ => DataProcessing.Pick<MvnOp>(form, s),
    };

    /// <summary>The low <paramref name="width"/> bits of a value as a pattern fragment.</summary>
    internal static string ToBits(uint value, int width)
    {
        var chars = new char[width];
        for (int i = 0; i < width; i++)
        {
            chars[i] = ((value >> (width - 1 - i)) & 1) != 0 ? '1' : '0';
        }
        return new string(chars);
    }
}
