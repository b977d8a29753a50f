// Table rows: block transfers (LDM/STM, PUSH/POP, user-bank and exception-return forms).
using System.Collections.Generic;
using Codezero.Hal.ArmCortexA9.Isa;

namespace Codezero.Hal.ArmCortexA9.Decoder;

public static unsafe partial class A32Table
{
    private static void AddLoadStoreMultiple(List<A32Row> rows)
    {
        rows.Add(new A32Row("STM", "cccc 100p u0w0 nnnn rrrr rrrr rrrr rrrr", &LoadStoreMultiple.StoreMultiple));
        rows.Add(new A32Row("LDM", "cccc 100p u0w1 nnnn rrrr rrrr rrrr rrrr", &LoadStoreMultiple.LoadMultiple));
        rows.Add(new A32Row("STM (user)", "cccc 100p u100 nnnn rrrr rrrr rrrr rrrr", &LoadStoreMultiple.StoreMultipleUser));
        rows.Add(new A32Row("LDM (user)", "cccc 100p u101 nnnn 0rrr rrrr rrrr rrrr", &LoadStoreMultiple.LoadMultipleUser));
        rows.Add(new A32Row("LDM (exception return)", "cccc 100p u1w1 nnnn 1rrr rrrr rrrr rrrr", &LoadStoreMultiple.LoadMultipleExceptionReturn));
    }
}
