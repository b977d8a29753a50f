// Table rows: branches.
using System.Collections.Generic;
using Codezero.Hal.ArmCortexA9.Isa;

namespace Codezero.Hal.ArmCortexA9.Decoder;

public static unsafe partial class A32Table
{
    private static void AddBranches(List<A32Row> rows)
    {
        rows.Add(new A32Row("B", "cccc 1010 iiii iiii iiii iiii iiii iiii", &Branch.B));
        rows.Add(new A32Row("BL", "cccc 1011 iiii iiii iiii iiii iiii iiii", &Branch.Bl));
        rows.Add(new A32Row("BLX (imm)", "1111 101h iiii iiii iiii iiii iiii iiii", &Branch.BlxImmediate));
        rows.Add(new A32Row("BX", "cccc 0001 0010 1111 1111 1111 0001 mmmm", &Branch.Bx));
        rows.Add(new A32Row("BXJ", "cccc 0001 0010 1111 1111 1111 0010 mmmm", &Branch.Bx));
        rows.Add(new A32Row("BLX (reg)", "cccc 0001 0010 1111 1111 1111 0011 mmmm", &Branch.BlxRegister));
    }
}
