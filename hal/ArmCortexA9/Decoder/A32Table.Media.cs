// Table rows: media (cccc 011x .... .... .... .... xxx1 ....), saturating add/subtract, CLZ and the halfword multiplies.
using System.Collections.Generic;
using Codezero.Hal.ArmCortexA9.Isa;

namespace Codezero.Hal.ArmCortexA9.Decoder;

/// <summary>
/// ARM ARM A5.4 (media), A5.2.6 (saturating add/subtract), A5.2.7 (halfword multiplies) and CLZ from A5.2.12.
/// Not listed, hence UNDEFINED: SDIV/UDIV (the A9 has no divider), the permanently undefined
/// cccc 0111 1111 .... .... .... 1111 ...., parallel op2 = 101/110 and op1 = 00, and every word that breaks an
/// SBZ/SBO bit. Rows with a register field fixed to 1111 (SXTB, SMUAD, SMMUL, USAD8, BFC, ...) are more
/// specific than their accumulating twins and so win over them.
/// </summary>
public static unsafe partial class A32Table
{
    static partial void AddMedia(List<A32Row> rows)
    {
        AddParallel<SignedModular>(rows, "S", "001");
        AddParallel<SignedSaturating>(rows, "Q", "010");
        AddParallel<SignedHalving>(rows, "SH", "011");
        AddParallel<UnsignedModular>(rows, "U", "101");
        AddParallel<UnsignedSaturating>(rows, "UQ", "110");
        AddParallel<UnsignedHalving>(rows, "UH", "111");

        // Packing, unpacking, saturation and reversal (A5.4.3).
        rows.Add(new A32Row("PKHBT", "cccc 0110 1000 nnnn dddd iiii i001 mmmm", &Media.Pkhbt));
        rows.Add(new A32Row("PKHTB", "cccc 0110 1000 nnnn dddd iiii i101 mmmm", &Media.Pkhtb));
        rows.Add(new A32Row("SXTAB16", "cccc 0110 1000 nnnn dddd rr00 0111 mmmm", &Media.Sxtab16));
        rows.Add(new A32Row("SXTB16", "cccc 0110 1000 1111 dddd rr00 0111 mmmm", &Media.Sxtb16));
        rows.Add(new A32Row("SEL", "cccc 0110 1000 nnnn dddd 1111 1011 mmmm", &Media.Sel));
        rows.Add(new A32Row("SSAT", "cccc 0110 101s ssss dddd iiii ih01 nnnn", &Saturating.Ssat));
        rows.Add(new A32Row("SSAT16", "cccc 0110 1010 ssss dddd 1111 0011 nnnn", &Saturating.Ssat16));
        rows.Add(new A32Row("SXTAB", "cccc 0110 1010 nnnn dddd rr00 0111 mmmm", &Media.Sxtab));
        rows.Add(new A32Row("SXTB", "cccc 0110 1010 1111 dddd rr00 0111 mmmm", &Media.Sxtb));
        rows.Add(new A32Row("REV", "cccc 0110 1011 1111 dddd 1111 0011 mmmm", &Media.Rev));
        rows.Add(new A32Row("SXTAH", "cccc 0110 1011 nnnn dddd rr00 0111 mmmm", &Media.Sxtah));
        rows.Add(new A32Row("SXTH", "cccc 0110 1011 1111 dddd rr00 0111 mmmm", &Media.Sxth));
        rows.Add(new A32Row("REV16", "cccc 0110 1011 1111 dddd 1111 1011 mmmm", &Media.Rev16));
        rows.Add(new A32Row("UXTAB16", "cccc 0110 1100 nnnn dddd rr00 0111 mmmm", &Media.Uxtab16));
        rows.Add(new A32Row("UXTB16", "cccc 0110 1100 1111 dddd rr00 0111 mmmm", &Media.Uxtb16));
        rows.Add(new A32Row("USAT", "cccc 0110 111s ssss dddd iiii ih01 nnnn", &Saturating.Usat));
        rows.Add(new A32Row("USAT16", "cccc 0110 1110 ssss dddd 1111 0011 nnnn", &Saturating.Usat16));
        rows.Add(new A32Row("UXTAB", "cccc 0110 1110 nnnn dddd rr00 0111 mmmm", &Media.Uxtab));
        rows.Add(new A32Row("UXTB", "cccc 0110 1110 1111 dddd rr00 0111 mmmm", &Media.Uxtb));
        rows.Add(new A32Row("RBIT", "cccc 0110 1111 1111 dddd 1111 0011 mmmm", &Media.Rbit));
        rows.Add(new A32Row("UXTAH", "cccc 0110 1111 nnnn dddd rr00 0111 mmmm", &Media.Uxtah));
        rows.Add(new A32Row("UXTH", "cccc 0110 1111 1111 dddd rr00 0111 mmmm", &Media.Uxth));
        rows.Add(new A32Row("REVSH", "cccc 0110 1111 1111 dddd 1111 1011 mmmm", &Media.Revsh));

        // Signed multiplies (A5.4.4); op1 = 001 and 011 (SDIV, UDIV) are absent on the A9.
        rows.Add(new A32Row("SMLAD", "cccc 0111 0000 dddd aaaa mmmm 00x1 nnnn", &SignedMultiply.Smlad));
        rows.Add(new A32Row("SMUAD", "cccc 0111 0000 dddd 1111 mmmm 00x1 nnnn", &SignedMultiply.Smuad));
        rows.Add(new A32Row("SMLSD", "cccc 0111 0000 dddd aaaa mmmm 01x1 nnnn", &SignedMultiply.Smlsd));
        rows.Add(new A32Row("SMUSD", "cccc 0111 0000 dddd 1111 mmmm 01x1 nnnn", &SignedMultiply.Smusd));
        rows.Add(new A32Row("SMLALD", "cccc 0111 0100 hhhh llll mmmm 00x1 nnnn", &SignedMultiply.Smlald));
        rows.Add(new A32Row("SMLSLD", "cccc 0111 0100 hhhh llll mmmm 01x1 nnnn", &SignedMultiply.Smlsld));
        rows.Add(new A32Row("SMMLA", "cccc 0111 0101 dddd aaaa mmmm 00r1 nnnn", &SignedMultiply.Smmla));
        rows.Add(new A32Row("SMMUL", "cccc 0111 0101 dddd 1111 mmmm 00r1 nnnn", &SignedMultiply.Smmul));
        rows.Add(new A32Row("SMMLS", "cccc 0111 0101 dddd aaaa mmmm 11r1 nnnn", &SignedMultiply.Smmls));

        // The rest of the media space (A5.4).
        rows.Add(new A32Row("USADA8", "cccc 0111 1000 dddd aaaa mmmm 0001 nnnn", &Media.Usada8));
        rows.Add(new A32Row("USAD8", "cccc 0111 1000 dddd 1111 mmmm 0001 nnnn", &Media.Usad8));
        rows.Add(new A32Row("SBFX", "cccc 0111 101w wwww dddd llll l101 nnnn", &Media.Sbfx));
        rows.Add(new A32Row("BFI", "cccc 0111 110m mmmm dddd llll l001 nnnn", &Media.Bfi));
        rows.Add(new A32Row("BFC", "cccc 0111 110m mmmm dddd llll l001 1111", &Media.Bfc));
        rows.Add(new A32Row("UBFX", "cccc 0111 111w wwww dddd llll l101 nnnn", &Media.Ubfx));

        // Saturating addition and subtraction (A5.2.6).
        rows.Add(new A32Row("QADD", "cccc 0001 0000 nnnn dddd 0000 0101 mmmm", &Saturating.Qadd));
        rows.Add(new A32Row("QSUB", "cccc 0001 0010 nnnn dddd 0000 0101 mmmm", &Saturating.Qsub));
        rows.Add(new A32Row("QDADD", "cccc 0001 0100 nnnn dddd 0000 0101 mmmm", &Saturating.Qdadd));
        rows.Add(new A32Row("QDSUB", "cccc 0001 0110 nnnn dddd 0000 0101 mmmm", &Saturating.Qdsub));

        // Count leading zeros, in the miscellaneous space (A5.2.12).
        rows.Add(new A32Row("CLZ", "cccc 0001 0110 1111 dddd 1111 0001 mmmm", &Media.Clz));

        // Halfword multiply and multiply accumulate (A5.2.7): bit 5 picks Rn's half (x), bit 6 Rm's (y).
        rows.Add(new A32Row("SMLAxy", "cccc 0001 0000 dddd aaaa mmmm 1yx0 nnnn", &SignedMultiply.Smlaxy));
        rows.Add(new A32Row("SMLAWy", "cccc 0001 0010 dddd aaaa mmmm 1y00 nnnn", &SignedMultiply.Smlawy));
        rows.Add(new A32Row("SMULWy", "cccc 0001 0010 dddd 0000 mmmm 1y10 nnnn", &SignedMultiply.Smulwy));
        rows.Add(new A32Row("SMLALxy", "cccc 0001 0100 hhhh llll mmmm 1yx0 nnnn", &SignedMultiply.Smlalxy));
        rows.Add(new A32Row("SMULxy", "cccc 0001 0110 dddd 0000 mmmm 1yx0 nnnn", &SignedMultiply.Smulxy));
    }

    /// <summary>
    /// The six parallel add/subtract instructions of one family (A5.4.1, A5.4.2):
    /// cccc 0110 0 u op nnnn dddd 1111 op2 1 mmmm with op2 000 ADD16, 001 ASX, 010 SAX, 011 SUB16, 100 ADD8, 111 SUB8.
    /// </summary>
    private static void AddParallel<TKind>(List<A32Row> rows, string prefix, string family)
        where TKind : struct, IParallelKind
    {
        rows.Add(new A32Row(prefix + "ADD16", $"cccc 0110 0{family} nnnn dddd 1111 0001 mmmm", &ParallelArithmetic.Add16<TKind>));
        rows.Add(new A32Row(prefix + "ASX", $"cccc 0110 0{family} nnnn dddd 1111 0011 mmmm", &ParallelArithmetic.Asx<TKind>));
        rows.Add(new A32Row(prefix + "SAX", $"cccc 0110 0{family} nnnn dddd 1111 0101 mmmm", &ParallelArithmetic.Sax<TKind>));
        rows.Add(new A32Row(prefix + "SUB16", $"cccc 0110 0{family} nnnn dddd 1111 0111 mmmm", &ParallelArithmetic.Sub16<TKind>));
        rows.Add(new A32Row(prefix + "ADD8", $"cccc 0110 0{family} nnnn dddd 1111 1001 mmmm", &ParallelArithmetic.Add8<TKind>));
        rows.Add(new A32Row(prefix + "SUB8", $"cccc 0110 0{family} nnnn dddd 1111 1111 mmmm", &ParallelArithmetic.Sub8<TKind>));
    }
}
