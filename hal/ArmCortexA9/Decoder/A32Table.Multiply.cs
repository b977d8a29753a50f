// Table rows: the multiply and multiply-accumulate class (cccc 0000 xxxx .... 1001).
using System.Collections.Generic;
using Codezero.Hal.ArmCortexA9.Isa;

namespace Codezero.Hal.ArmCortexA9.Decoder;

public static unsafe partial class A32Table
{
    private static void AddMultiply(List<A32Row> rows)
    {
        rows.Add(new A32Row("MUL", "cccc 0000 000s dddd 0000 mmmm 1001 nnnn", &Multiply.Mul));
        rows.Add(new A32Row("MLA", "cccc 0000 001s dddd aaaa mmmm 1001 nnnn", &Multiply.Mla));
        rows.Add(new A32Row("UMAAL", "cccc 0000 0100 hhhh llll mmmm 1001 nnnn", &Multiply.Umaal));
        rows.Add(new A32Row("MLS", "cccc 0000 0110 dddd aaaa mmmm 1001 nnnn", &Multiply.Mls));
        rows.Add(new A32Row("UMULL", "cccc 0000 100s hhhh llll mmmm 1001 nnnn", &Multiply.Umull));
        rows.Add(new A32Row("UMLAL", "cccc 0000 101s hhhh llll mmmm 1001 nnnn", &Multiply.Umlal));
        rows.Add(new A32Row("SMULL", "cccc 0000 110s hhhh llll mmmm 1001 nnnn", &Multiply.Smull));
        rows.Add(new A32Row("SMLAL", "cccc 0000 111s hhhh llll mmmm 1001 nnnn", &Multiply.Smlal));
    }
}
