// Table rows: single-register loads and stores (word, byte, halfword, signed, doubleword, unprivileged).
using System.Collections.Generic;
using Codezero.Hal.ArmCortexA9.Isa;
using Byte = Codezero.Hal.ArmCortexA9.Isa.Byte;

namespace Codezero.Hal.ArmCortexA9.Decoder;

public static unsafe partial class A32Table
{
    private static void AddLoadStore(List<A32Row> rows)
    {
        // Word and unsigned byte: cccc 01IP UBWL nnnn tttt <offset>
        AddWordOrByte<Word>(rows, "LDR", "STR", "0");
        AddWordOrByte<Byte>(rows, "LDRB", "STRB", "1");

        // Halfword, signed and doubleword: cccc 000P UIWL nnnn tttt iiii 1sh1 iiii  (I=1) / 0000 1sh1 mmmm (I=0)
        AddExtra<Half>(rows, "STRH", "LDRH", "01");
        AddExtraLoadOnly<SignedByte>(rows, "LDRSB", "10");
        AddExtraLoadOnly<SignedHalf>(rows, "LDRSH", "11");
        AddDual(rows);
    }

    private static void AddWordOrByte<TSize>(List<A32Row> rows, string load, string store, string b)
        where TSize : struct, IAccessSize
    {
        const string imm = "iiii iiii iiii";
        const string reg = "iiii itt0 mmmm";
        rows.Add(new A32Row($"{load} (imm)", $"cccc 0101 u{b}0 1 nnnn tttt {imm}", &LoadStore.Load<TSize, OffsetAddressing, Immediate12>));
        rows.Add(new A32Row($"{load} (imm, pre)", $"cccc 0101 u{b}1 1 nnnn tttt {imm}", &LoadStore.Load<TSize, PreIndexed, Immediate12>));
        rows.Add(new A32Row($"{load} (imm, post)", $"cccc 0100 u{b}0 1 nnnn tttt {imm}", &LoadStore.Load<TSize, PostIndexed, Immediate12>));
        rows.Add(new A32Row($"{load}T (imm)", $"cccc 0100 u{b}1 1 nnnn tttt {imm}", &LoadStore.LoadUnprivileged<TSize, Immediate12>));
        rows.Add(new A32Row($"{load} (reg)", $"cccc 0111 u{b}0 1 nnnn tttt {reg}", &LoadStore.Load<TSize, OffsetAddressing, ScaledRegister>));
        rows.Add(new A32Row($"{load} (reg, pre)", $"cccc 0111 u{b}1 1 nnnn tttt {reg}", &LoadStore.Load<TSize, PreIndexed, ScaledRegister>));
        rows.Add(new A32Row($"{load} (reg, post)", $"cccc 0110 u{b}0 1 nnnn tttt {reg}", &LoadStore.Load<TSize, PostIndexed, ScaledRegister>));
        rows.Add(new A32Row($"{load}T (reg)", $"cccc 0110 u{b}1 1 nnnn tttt {reg}", &LoadStore.LoadUnprivileged<TSize, ScaledRegister>));
        rows.Add(new A32Row($"{store} (imm)", $"cccc 0101 u{b}0 0 nnnn tttt {imm}", &LoadStore.Store<TSize, OffsetAddressing, Immediate12>));
        rows.Add(new A32Row($"{store} (imm, pre)", $"cccc 0101 u{b}1 0 nnnn tttt {imm}", &LoadStore.Store<TSize, PreIndexed, Immediate12>));
        rows.Add(new A32Row($"{store} (imm, post)", $"cccc 0100 u{b}0 0 nnnn tttt {imm}", &LoadStore.Store<TSize, PostIndexed, Immediate12>));
        rows.Add(new A32Row($"{store}T (imm)", $"cccc 0100 u{b}1 0 nnnn tttt {imm}", &LoadStore.StoreUnprivileged<TSize, Immediate12>));
        rows.Add(new A32Row($"{store} (reg)", $"cccc 0111 u{b}0 0 nnnn tttt {reg}", &LoadStore.Store<TSize, OffsetAddressing, ScaledRegister>));
        rows.Add(new A32Row($"{store} (reg, pre)", $"cccc 0111 u{b}1 0 nnnn tttt {reg}", &LoadStore.Store<TSize, PreIndexed, ScaledRegister>));
        rows.Add(new A32Row($"{store} (reg, post)", $"cccc 0110 u{b}0 0 nnnn tttt {reg}", &LoadStore.Store<TSize, PostIndexed, ScaledRegister>));
        rows.Add(new A32Row($"{store}T (reg)", $"cccc 0110 u{b}1 0 nnnn tttt {reg}", &LoadStore.StoreUnprivileged<TSize, ScaledRegister>));
    }

    private static void AddExtra<TSize>(List<A32Row> rows, string store, string load, string sh)
        where TSize : struct, IAccessSize
    {
        AddExtraLoadOnly<TSize>(rows, load, sh);
        string imm = $"iiii 1{sh}1 iiii";
        string reg = $"0000 1{sh}1 mmmm";
        rows.Add(new A32Row($"{store} (imm)", $"cccc 0001 u100 nnnn tttt {imm}", &LoadStore.Store<TSize, OffsetAddressing, SplitImmediate8>));
        rows.Add(new A32Row($"{store} (imm, pre)", $"cccc 0001 u110 nnnn tttt {imm}", &LoadStore.Store<TSize, PreIndexed, SplitImmediate8>));
        rows.Add(new A32Row($"{store} (imm, post)", $"cccc 0000 u100 nnnn tttt {imm}", &LoadStore.Store<TSize, PostIndexed, SplitImmediate8>));
        rows.Add(new A32Row($"{store}T (imm)", $"cccc 0000 u110 nnnn tttt {imm}", &LoadStore.StoreUnprivileged<TSize, SplitImmediate8>));
        rows.Add(new A32Row($"{store} (reg)", $"cccc 0001 u000 nnnn tttt {reg}", &LoadStore.Store<TSize, OffsetAddressing, PlainRegister>));
        rows.Add(new A32Row($"{store} (reg, pre)", $"cccc 0001 u010 nnnn tttt {reg}", &LoadStore.Store<TSize, PreIndexed, PlainRegister>));
        rows.Add(new A32Row($"{store} (reg, post)", $"cccc 0000 u000 nnnn tttt {reg}", &LoadStore.Store<TSize, PostIndexed, PlainRegister>));
        rows.Add(new A32Row($"{store}T (reg)", $"cccc 0000 u010 nnnn tttt {reg}", &LoadStore.StoreUnprivileged<TSize, PlainRegister>));
    }

    private static void AddExtraLoadOnly<TSize>(List<A32Row> rows, string load, string sh)
        where TSize : struct, IAccessSize
    {
        string imm = $"iiii 1{sh}1 iiii";
        string reg = $"0000 1{sh}1 mmmm";
        rows.Add(new A32Row($"{load} (imm)", $"cccc 0001 u101 nnnn tttt {imm}", &LoadStore.Load<TSize, OffsetAddressing, SplitImmediate8>));
        rows.Add(new A32Row($"{load} (imm, pre)", $"cccc 0001 u111 nnnn tttt {imm}", &LoadStore.Load<TSize, PreIndexed, SplitImmediate8>));
        rows.Add(new A32Row($"{load} (imm, post)", $"cccc 0000 u101 nnnn tttt {imm}", &LoadStore.Load<TSize, PostIndexed, SplitImmediate8>));
        rows.Add(new A32Row($"{load}T (imm)", $"cccc 0000 u111 nnnn tttt {imm}", &LoadStore.LoadUnprivileged<TSize, SplitImmediate8>));
        rows.Add(new A32Row($"{load} (reg)", $"cccc 0001 u001 nnnn tttt {reg}", &LoadStore.Load<TSize, OffsetAddressing, PlainRegister>));
        rows.Add(new A32Row($"{load} (reg, pre)", $"cccc 0001 u011 nnnn tttt {reg}", &LoadStore.Load<TSize, PreIndexed, PlainRegister>));
        rows.Add(new A32Row($"{load} (reg, post)", $"cccc 0000 u001 nnnn tttt {reg}", &LoadStore.Load<TSize, PostIndexed, PlainRegister>));
        rows.Add(new A32Row($"{load}T (reg)", $"cccc 0000 u011 nnnn tttt {reg}", &LoadStore.LoadUnprivileged<TSize, PlainRegister>));
    }

    private static void AddDual(List<A32Row> rows)
    {
        // LDRD is op2 = 10 with L = 0; STRD is op2 = 11 with L = 0. P=0, W=1 is UNPREDICTABLE: no row.
        rows.Add(new A32Row("LDRD (imm)", "cccc 0001 u100 nnnn tttt iiii 1101 iiii", &LoadStore.LoadDual<OffsetAddressing, SplitImmediate8>));
        rows.Add(new A32Row("LDRD (imm, pre)", "cccc 0001 u110 nnnn tttt iiii 1101 iiii", &LoadStore.LoadDual<PreIndexed, SplitImmediate8>));
        rows.Add(new A32Row("LDRD (imm, post)", "cccc 0000 u100 nnnn tttt iiii 1101 iiii", &LoadStore.LoadDual<PostIndexed, SplitImmediate8>));
        rows.Add(new A32Row("LDRD (reg)", "cccc 0001 u000 nnnn tttt 0000 1101 mmmm", &LoadStore.LoadDual<OffsetAddressing, PlainRegister>));
        rows.Add(new A32Row("LDRD (reg, pre)", "cccc 0001 u010 nnnn tttt 0000 1101 mmmm", &LoadStore.LoadDual<PreIndexed, PlainRegister>));
        rows.Add(new A32Row("LDRD (reg, post)", "cccc 0000 u000 nnnn tttt 0000 1101 mmmm", &LoadStore.LoadDual<PostIndexed, PlainRegister>));
        rows.Add(new A32Row("STRD (imm)", "cccc 0001 u100 nnnn tttt iiii 1111 iiii", &LoadStore.StoreDual<OffsetAddressing, SplitImmediate8>));
        rows.Add(new A32Row("STRD (imm, pre)", "cccc 0001 u110 nnnn tttt iiii 1111 iiii", &LoadStore.StoreDual<PreIndexed, SplitImmediate8>));
        rows.Add(new A32Row("STRD (imm, post)", "cccc 0000 u100 nnnn tttt iiii 1111 iiii", &LoadStore.StoreDual<PostIndexed, SplitImmediate8>));
        rows.Add(new A32Row("STRD (reg)", "cccc 0001 u000 nnnn tttt 0000 1111 mmmm", &LoadStore.StoreDual<OffsetAddressing, PlainRegister>));
        rows.Add(new A32Row("STRD (reg, pre)", "cccc 0001 u010 nnnn tttt 0000 1111 mmmm", &LoadStore.StoreDual<PreIndexed, PlainRegister>));
        rows.Add(new A32Row("STRD (reg, post)", "cccc 0000 u000 nnnn tttt 0000 1111 mmmm", &LoadStore.StoreDual<PostIndexed, PlainRegister>));
    }
}
