// Table rows: the T32 loads and stores (ARM ARM A6.3.5 multiple, A6.3.6 dual and exclusive, A6.3.7-A6.3.10 single, memory hints).
using System.Collections.Generic;
using System.Numerics;
using Codezero.Hal.ArmCortexA9.Cpu;
using Codezero.Hal.ArmCortexA9.Isa;
using Codezero.Hal.ArmCortexA9.Isa.Thumb;
using static Codezero.Hal.ArmCortexA9.Decoder.A32Words;
using Byte = Codezero.Hal.ArmCortexA9.Isa.Byte;

namespace Codezero.Hal.ArmCortexA9.Decoder;

/// <summary>
/// Single loads and stores lower to an A32-layout LDR/STR word (P 24, U 23, W 21, L 20, Rn, Rt, and an imm12,
/// or Rm with LSL #imm in bits 11:0) run by the generic A32 body of <see cref="LoadStore"/> for the access
/// size: for words and bytes that is the A32 table's own handler; the halfword and signed sizes reuse the same
/// body, since the A32 extra-load forms have neither an imm12 nor a shifted register. Literal forms use
/// <see cref="ThumbLiteralOffset"/> (Align(PC, 4)); the unprivileged T forms, LDRD/STRD and the exclusives with an
/// offset or a free Rt2 use Thumb handlers. Loads to the PC go through <see cref="ThumbLoadToPc"/> (the IT rule).
/// A literal load with U = 0 also has the shape of an imm8 or register form, whose rows are more specific; as
/// the ARM ARM says ("if Rn == '1111' then SEE (literal)"), those rows lower Rn = PC as the literal form.
/// </summary>
public static unsafe partial class ThumbTable
{
    // Access kinds of the single loads and stores: hw1[8] (sign extend) : hw1[6:5] (size).
    private const uint KindByte = 0b000, KindHalf = 0b001, KindWord = 0b010, KindSignedByte = 0b100, KindSignedHalf = 0b101;

    static partial void AddT32LoadStore(List<ThumbRow> rows)
    {
        AddT32LoadStoreMultiple(rows);
        AddT32LoadStoreDualExclusive(rows);
        AddT32Single(rows, "LDRB", "1111 1000 ", "001", load: true);
        AddT32Single(rows, "LDRH", "1111 1000 ", "011", load: true);
        AddT32Single(rows, "LDR", "1111 1000 ", "101", load: true);
        AddT32Single(rows, "LDRSB", "1111 1001 ", "001", load: true);
        AddT32Single(rows, "LDRSH", "1111 1001 ", "011", load: true);
        AddT32Single(rows, "STRB", "1111 1000 ", "000", load: false);
        AddT32Single(rows, "STRH", "1111 1000 ", "010", load: false);
        AddT32Single(rows, "STR", "1111 1000 ", "100", load: false);
        AddT32MemoryHint(rows, "PLD", "1111 1000 ", "001");
        AddT32MemoryHint(rows, "PLDW", "1111 1000 ", "011");
        AddT32MemoryHint(rows, "PLI", "1111 1001 ", "001");
        AddT32MemoryHint(rows, "unallocated memory hint", "1111 1001 ", "011");
        rows.Add(new ThumbRow("PUSH.W (single) T3", "1111 1000 0100 1101 tttt 1101 0000 0100", &LoadStoreImmediate8));
        rows.Add(new ThumbRow("POP.W (single) T3", "1111 1000 0101 1101 tttt 1011 0000 0100", &LoadStoreImmediate8));
    }

    private static void AddT32LoadStoreMultiple(List<ThumbRow> rows)
    {
        // hw1 = 1110 100 op 0 W L Rn: op = 01 IA, 10 DB (00 and 11 are RFE/SRS). PC and SP never in an STM list, nor SP in LDM's.
        rows.Add(new ThumbRow("STM.W T2", "1110 1000 10 w 0 nnnn 0 m 0 rrrrrrrrrrrrr", &LoadStoreMultiple32));
        rows.Add(new ThumbRow("LDM.W T2", "1110 1000 10 w 1 nnnn p m 0 rrrrrrrrrrrrr", &LoadStoreMultiple32));
        rows.Add(new ThumbRow("STMDB T1", "1110 1001 00 w 0 nnnn 0 m 0 rrrrrrrrrrrrr", &LoadStoreMultiple32));
        rows.Add(new ThumbRow("LDMDB T1", "1110 1001 00 w 1 nnnn p m 0 rrrrrrrrrrrrr", &LoadStoreMultiple32));
        rows.Add(new ThumbRow("PUSH.W T2", "1110 1001 0010 1101 0 m 0 rrrrrrrrrrrrr", &LoadStoreMultiple32));
        rows.Add(new ThumbRow("POP.W T2", "1110 1000 1011 1101 p m 0 rrrrrrrrrrrrr", &LoadStoreMultiple32));
    }

    private static void AddT32LoadStoreDualExclusive(List<ThumbRow> rows)
    {
        // hw1 = 1110 100 P U 1 W L Rn; P = W = 0 is the exclusive and table-branch space.
        rows.Add(new ThumbRow("STRD (imm, post) T1", "1110 1000 u110 nnnn tttt qqqq iiiiiiii", &LoadStoreDual32));
        rows.Add(new ThumbRow("LDRD (imm, post) T1", "1110 1000 u111 nnnn tttt qqqq iiiiiiii", &LoadStoreDual32));
        rows.Add(new ThumbRow("STRD (imm) T1", "1110 1001 u100 nnnn tttt qqqq iiiiiiii", &LoadStoreDual32));
        rows.Add(new ThumbRow("LDRD (imm) T1", "1110 1001 u101 nnnn tttt qqqq iiiiiiii", &LoadStoreDual32));
        rows.Add(new ThumbRow("STRD (imm, pre) T1", "1110 1001 u110 nnnn tttt qqqq iiiiiiii", &LoadStoreDual32));
        rows.Add(new ThumbRow("LDRD (imm, pre) T1", "1110 1001 u111 nnnn tttt qqqq iiiiiiii", &LoadStoreDual32));
        rows.Add(new ThumbRow("LDRD (literal) T1", "1110 1001 u101 1111 tttt qqqq iiiiiiii", &LoadStoreDual32));

        rows.Add(new ThumbRow("STREX T1", "1110 1000 0100 nnnn tttt dddd iiiiiiii", &StoreExclusive32));
        rows.Add(new ThumbRow("LDREX T1", "1110 1000 0101 nnnn tttt 1111 iiiiiiii", &LoadExclusive32));
        rows.Add(new ThumbRow("STREXB T1", "1110 1000 1100 nnnn tttt 1111 0100 dddd", &StoreExclusive32));
        rows.Add(new ThumbRow("STREXH T1", "1110 1000 1100 nnnn tttt 1111 0101 dddd", &StoreExclusive32));
        rows.Add(new ThumbRow("STREXD T1", "1110 1000 1100 nnnn tttt qqqq 0111 dddd", &StoreExclusive32));
        rows.Add(new ThumbRow("LDREXB T1", "1110 1000 1101 nnnn tttt 1111 0100 1111", &LoadExclusive32));
        rows.Add(new ThumbRow("LDREXH T1", "1110 1000 1101 nnnn tttt 1111 0101 1111", &LoadExclusive32));
        rows.Add(new ThumbRow("LDREXD T1", "1110 1000 1101 nnnn tttt qqqq 0111 1111", &LoadExclusive32));
    }

    /// <summary>
    /// Every form of one single load or store: <paramref name="hw1High"/> is hw1[15:8] up to the sign bit, and
    /// <paramref name="sizeL"/> is hw1[6:4] (size, L). hw1[7] is 1 for the imm12 form and 0 for the imm8 and
    /// register forms; loads also have a literal form (Rn = PC, hw1[7] = U).
    /// </summary>
    private static void AddT32Single(List<ThumbRow> rows, string name, string hw1High, string sizeL, bool load)
    {
        string width = name is "LDR" or "STR" or "LDRB" or "STRB" or "LDRH" or "STRH" ? ".W" : "";
        if (load)
        {
            rows.Add(new ThumbRow($"{name} (literal) T32", $"{hw1High}u{sizeL} 1111 tttt iiii iiii iiii", &LoadLiteral32));
        }
        rows.Add(new ThumbRow($"{name}{width} (imm12) T32", $"{hw1High}1{sizeL} nnnn tttt iiii iiii iiii", &LoadStoreImmediate12));
        rows.Add(new ThumbRow($"{name} (imm8, negative) T32", $"{hw1High}0{sizeL} nnnn tttt 1100 iiii iiii", &LoadStoreImmediate8));
        rows.Add(new ThumbRow($"{name} (imm8, post) T32", $"{hw1High}0{sizeL} nnnn tttt 10u1 iiii iiii", &LoadStoreImmediate8));
        rows.Add(new ThumbRow($"{name} (imm8, pre) T32", $"{hw1High}0{sizeL} nnnn tttt 11u1 iiii iiii", &LoadStoreImmediate8));
        rows.Add(new ThumbRow($"{name}T T32", $"{hw1High}0{sizeL} nnnn tttt 1110 iiii iiii", &LoadStoreUnprivileged32));
        rows.Add(new ThumbRow($"{name}{width} (reg) T32", $"{hw1High}0{sizeL} nnnn tttt 0000 00ii mmmm", &LoadStoreRegister32));
    }

    /// <summary>The Rt = PC rows of a byte or halfword load class: preload hints (no access, no fault) or unallocated hints (NOP).</summary>
    private static void AddT32MemoryHint(List<ThumbRow> rows, string name, string hw1High, string sizeL)
    {
        rows.Add(new ThumbRow($"{name} (literal) T32", $"{hw1High}u{sizeL} 1111 1111 iiii iiii iiii", &MemoryHint32));
        rows.Add(new ThumbRow($"{name} (imm12) T32", $"{hw1High}1{sizeL} nnnn 1111 iiii iiii iiii", &MemoryHint32));
        rows.Add(new ThumbRow($"{name} (imm8) T32", $"{hw1High}0{sizeL} nnnn 1111 1100 iiii iiii", &MemoryHint32));
        rows.Add(new ThumbRow($"{name} (reg) T32", $"{hw1High}0{sizeL} nnnn 1111 0000 00ii mmmm", &MemoryHint32));
    }

    // ---- Lowerings of the single loads and stores.

    /// <summary>The access kind of a single load/store encoding (see <see cref="KindWord"/>).</summary>
    private static uint SingleKind(uint raw) => (Bits(raw, 24, 24) << 2) | Bits(raw, 22, 21);

    /// <summary>
    /// An A32-layout LDR/STR word: P, U, W as A32 has them, B for the byte kind, L, Rn, Rt and the offset field
    /// (bits 11:0). For words and bytes it is the A32 twin's word.
    /// </summary>
    private static uint SingleWord(uint kind, bool p, bool u, bool w, bool load, uint rn, uint rt, uint offset12)
        => Always | (0b010u << 25) | (p ? 1u << 24 : 0) | (u ? 1u << 23 : 0) | (kind == KindByte ? 1u << 22 : 0)
           | (w ? 1u << 21 : 0) | (load ? 1u << 20 : 0) | (rn << 16) | (rt << 12) | (offset12 & 0xFFF);

    /// <summary>
    /// The UNPREDICTABLE choices of Rt shared by the forms (UNDEFINED here): stores may not take PC, byte and
    /// halfword stores not SP either; byte, halfword and signed loads may not load SP (their Rt = PC encodings are hints).
    /// </summary>
    private static bool BadTarget(uint kind, bool load, uint rt)
        => rt == 15 ? !load : rt == 13 && kind != KindWord;

    /// <summary>The generic A32 load body for an access kind (for words and bytes, the A32 table's handler); word loads to PC add the IT rule.</summary>
    private static delegate*<ArmCore, uint, void> LoadHandler<TIndex, TOffset>(uint kind, uint rt)
        where TIndex : struct, IIndexing where TOffset : struct, IOffset => kind switch
    {
        KindWord => rt == 15 ? &ThumbLoadToPc.Load<TIndex, TOffset> : &LoadStore.Load<Word, TIndex, TOffset>,
        KindByte => &LoadStore.Load<Byte, TIndex, TOffset>,
        KindHalf => &LoadStore.Load<Half, TIndex, TOffset>,
        KindSignedByte => &LoadStore.Load<SignedByte, TIndex, TOffset>,
        _ => &LoadStore.Load<SignedHalf, TIndex, TOffset>,
    };

    /// <summary>The generic A32 store body for an access kind (word, byte, halfword).</summary>
    private static delegate*<ArmCore, uint, void> StoreHandler<TIndex, TOffset>(uint kind)
        where TIndex : struct, IIndexing where TOffset : struct, IOffset => kind switch
    {
        KindWord => &LoadStore.Store<Word, TIndex, TOffset>,
        KindByte => &LoadStore.Store<Byte, TIndex, TOffset>,
        _ => &LoadStore.Store<Half, TIndex, TOffset>,
    };

    private static delegate*<ArmCore, uint, void> Handler<TIndex, TOffset>(bool load, uint kind, uint rt)
        where TIndex : struct, IIndexing where TOffset : struct, IOffset
        => load ? LoadHandler<TIndex, TOffset>(kind, rt) : StoreHandler<TIndex, TOffset>(kind);

    // LDR{B,H,SB,SH} <Rt>, <label>   (Align(PC, 4) ± imm12)
    private static LoweredInsn LoadLiteral32(uint raw, bool inItBlock)
    {
        uint kind = SingleKind(raw), rt = Bits(raw, 15, 12);
        if (BadTarget(kind, true, rt))
        {
            return LoweredInsn.Undefined;
        }
        uint word = SingleWord(kind, true, Bits(raw, 23, 23) != 0, false, true, 15, rt, Bits(raw, 11, 0));
        return new LoweredInsn(LoadHandler<OffsetAddressing, ThumbLiteralOffset>(kind, rt), word);
    }

    // LDR/STR{B,H,SB,SH}.W <Rt>, [<Rn>{, #<imm12>}]
    private static LoweredInsn LoadStoreImmediate12(uint raw, bool inItBlock)
    {
        uint kind = SingleKind(raw), rn = Bits(raw, 19, 16), rt = Bits(raw, 15, 12);
        bool load = Bits(raw, 20, 20) != 0;
        if (rn == 15)
        {
            return load ? LoadLiteral32(raw, inItBlock) : LoweredInsn.Undefined;
        }
        if (BadTarget(kind, load, rt))
        {
            return LoweredInsn.Undefined;
        }
        uint word = SingleWord(kind, true, true, false, load, rn, rt, Bits(raw, 11, 0));
        return new LoweredInsn(Handler<OffsetAddressing, Immediate12>(load, kind, rt), word);
    }

    // LDR/STR{B,H,SB,SH} <Rt>, [<Rn>, #-<imm8>] | [<Rn>], #±<imm8> | [<Rn>, #±<imm8>]!   (hw2[10:8] = P U W)
    private static LoweredInsn LoadStoreImmediate8(uint raw, bool inItBlock)
    {
        uint kind = SingleKind(raw), rn = Bits(raw, 19, 16), rt = Bits(raw, 15, 12);
        bool load = Bits(raw, 20, 20) != 0;
        bool p = Bits(raw, 10, 10) != 0, u = Bits(raw, 9, 9) != 0, w = Bits(raw, 8, 8) != 0;
        if (rn == 15)
        {
            return load ? LoadLiteral32(raw, inItBlock) : LoweredInsn.Undefined;
        }
        if (BadTarget(kind, load, rt) || (w && rn == rt) || (w && rt == 15 && kind != KindWord))
        {
            return LoweredInsn.Undefined;
        }
        // A32 writes back with P = 1, W = 1 (pre-indexed) or P = 0, W = 0 (post-indexed; P = 0, W = 1 is the T form).
        uint word = SingleWord(kind, p, u, p && w, load, rn, rt, Bits(raw, 7, 0));
        if (!w)
        {
            return new LoweredInsn(Handler<OffsetAddressing, Immediate12>(load, kind, rt), word);
        }
        return p
            ? new LoweredInsn(Handler<PreIndexed, Immediate12>(load, kind, rt), word)
            : new LoweredInsn(Handler<PostIndexed, Immediate12>(load, kind, rt), word);
    }

    // LDR/STR{B,H,SB,SH}.W <Rt>, [<Rn>, <Rm>{, LSL #<imm2>}]
    private static LoweredInsn LoadStoreRegister32(uint raw, bool inItBlock)
    {
        uint kind = SingleKind(raw), rn = Bits(raw, 19, 16), rt = Bits(raw, 15, 12), rm = Bits(raw, 3, 0);
        bool load = Bits(raw, 20, 20) != 0;
        if (rn == 15)
        {
            return load ? LoadLiteral32(raw, inItBlock) : LoweredInsn.Undefined;
        }
        if (BadTarget(kind, load, rt) || rm is 13 or 15)
        {
            return LoweredInsn.Undefined;
        }
        uint word = SingleWord(kind, true, true, false, load, rn, rt, (Bits(raw, 5, 4) << 7) | rm) | (1u << 25); // register offset: bit 25
        return new LoweredInsn(Handler<OffsetAddressing, ScaledRegister>(load, kind, rt), word);
    }

    // LDR{B,H,SB,SH}T / STR{B,H}T <Rt>, [<Rn>, #<imm8>]   (User access, no writeback; Rt = SP or PC is UNPREDICTABLE)
    private static LoweredInsn LoadStoreUnprivileged32(uint raw, bool inItBlock)
    {
        uint kind = SingleKind(raw), rn = Bits(raw, 19, 16), rt = Bits(raw, 15, 12);
        bool load = Bits(raw, 20, 20) != 0;
        if (rn == 15)
        {
            return load ? LoadLiteral32(raw, inItBlock) : LoweredInsn.Undefined;
        }
        if (rt is 13 or 15)
        {
            return LoweredInsn.Undefined;
        }
        delegate*<ArmCore, uint, void> handler = (load, kind) switch
        {
            (true, KindWord) => &ThumbLoadStoreUnprivileged.Load<Word>,
            (true, KindByte) => &ThumbLoadStoreUnprivileged.Load<Byte>,
            (true, KindHalf) => &ThumbLoadStoreUnprivileged.Load<Half>,
            (true, KindSignedByte) => &ThumbLoadStoreUnprivileged.Load<SignedByte>,
            (true, _) => &ThumbLoadStoreUnprivileged.Load<SignedHalf>,
            (false, KindWord) => &ThumbLoadStoreUnprivileged.Store<Word>,
            (false, KindByte) => &ThumbLoadStoreUnprivileged.Store<Byte>,
            _ => &ThumbLoadStoreUnprivileged.Store<Half>,
        };
        return new LoweredInsn(handler, raw);
    }

    // PLD/PLDW/PLI [<Rn>, #±<imm>] | [<Rn>, <Rm>{, LSL #<imm2>}] | <label>, and the unallocated hints: the A32 PLD (a NOP)
    private static LoweredInsn MemoryHint32(uint raw, bool inItBlock)
    {
        bool registerForm = Bits(raw, 23, 23) == 0 && Bits(raw, 11, 6) == 0 && Bits(raw, 19, 16) != 15;
        if (registerForm && Bits(raw, 3, 0) is 13 or 15)
        {
            return LoweredInsn.Undefined; // Rm = SP or PC is UNPREDICTABLE
        }
        return new LoweredInsn(&Hints.Nop, raw);
    }

    // ---- Lowerings of the multiple, dual and exclusive forms.

    // LDM/STM{IA,DB}.W <Rn>{!}, <registers> | PUSH.W / POP.W <registers>
    private static LoweredInsn LoadStoreMultiple32(uint raw, bool inItBlock)
    {
        uint rn = Bits(raw, 19, 16), list = Bits(raw, 15, 0);
        bool load = Bits(raw, 20, 20) != 0, writeBack = Bits(raw, 21, 21) != 0, decrementBefore = Bits(raw, 24, 24) != 0;
        if (rn == 15 || BitOperations.PopCount(list) < 2 || (writeBack && (list & (1u << (int)rn)) != 0)
            || (list & 0xC000) == 0xC000)
        {
            return LoweredInsn.Undefined; // UNPREDICTABLE: PC as base, fewer than two registers, base in the list, PC with LR
        }
        uint word = BlockTransfer(load, decrementBefore, writeBack, rn, list);
        return load && (list & 0x8000) != 0 ? new LoweredInsn(&ThumbLoadToPc.Multiple, word) : Lower(word);
    }

    // LDRD/STRD <Rt>, <Rt2>, [<Rn>{, #±<imm8 * 4>}]{!} | [<Rn>], #±<imm8 * 4> | LDRD <Rt>, <Rt2>, <label>
    private static LoweredInsn LoadStoreDual32(uint raw, bool inItBlock)
    {
        uint rn = Bits(raw, 19, 16), rt = Bits(raw, 15, 12), rt2 = Bits(raw, 11, 8);
        bool p = Bits(raw, 24, 24) != 0, w = Bits(raw, 21, 21) != 0, load = Bits(raw, 20, 20) != 0;
        if (rt is 13 or 15 || rt2 is 13 or 15 || (load && rt == rt2) || (w && (rn == rt || rn == rt2)) || (rn == 15 && (w || !load)))
        {
            return LoweredInsn.Undefined; // UNPREDICTABLE (a literal LDRD has W = 0; STRD takes no PC base)
        }
        if (rn == 15)
        {
            return new LoweredInsn(&ThumbLoadStoreDual.Load<OffsetAddressing, ThumbOffsetLiteralScaled8>, raw);
        }
        if (!w)
        {
            return load
                ? new LoweredInsn(&ThumbLoadStoreDual.Load<OffsetAddressing, ThumbOffsetScaled8>, raw)
                : new LoweredInsn(&ThumbLoadStoreDual.Store<OffsetAddressing, ThumbOffsetScaled8>, raw);
        }
        if (p)
        {
            return load
                ? new LoweredInsn(&ThumbLoadStoreDual.Load<PreIndexed, ThumbOffsetScaled8>, raw)
                : new LoweredInsn(&ThumbLoadStoreDual.Store<PreIndexed, ThumbOffsetScaled8>, raw);
        }
        return load
            ? new LoweredInsn(&ThumbLoadStoreDual.Load<PostIndexed, ThumbOffsetScaled8>, raw)
            : new LoweredInsn(&ThumbLoadStoreDual.Store<PostIndexed, ThumbOffsetScaled8>, raw);
    }

    // LDREX <Rt>, [<Rn>{, #<imm8 * 4>}] | LDREXB/LDREXH <Rt>, [<Rn>] | LDREXD <Rt>, <Rt2>, [<Rn>]
    private static LoweredInsn LoadExclusive32(uint raw, bool inItBlock)
    {
        uint rn = Bits(raw, 19, 16), rt = Bits(raw, 15, 12), rt2 = Bits(raw, 11, 8);
        bool word = Bits(raw, 23, 23) == 0;
        uint op = Bits(raw, 5, 4); // 00 B, 01 H, 11 D
        if (rn == 15 || rt is 13 or 15 || (!word && op == 3 && (rt2 is 13 or 15 || rt2 == rt)))
        {
            return LoweredInsn.Undefined;
        }
        if (word)
        {
            return Bits(raw, 7, 0) == 0
                ? Lower(Always | 0x0190_0F9F | (rn << 16) | (rt << 12))
                : new LoweredInsn(&ThumbLoadStoreExclusive.LoadWord, raw);
        }
        return op switch
        {
            0 => Lower(Always | 0x01D0_0F9F | (rn << 16) | (rt << 12)),
            1 => Lower(Always | 0x01F0_0F9F | (rn << 16) | (rt << 12)),
            _ => new LoweredInsn(&ThumbLoadStoreExclusive.LoadDual, raw),
        };
    }

    // STREX <Rd>, <Rt>, [<Rn>{, #<imm8 * 4>}] | STREXB/STREXH <Rd>, <Rt>, [<Rn>] | STREXD <Rd>, <Rt>, <Rt2>, [<Rn>]
    private static LoweredInsn StoreExclusive32(uint raw, bool inItBlock)
    {
        uint rn = Bits(raw, 19, 16), rt = Bits(raw, 15, 12);
        bool word = Bits(raw, 23, 23) == 0;
        uint op = Bits(raw, 5, 4);
        uint rd = word ? Bits(raw, 11, 8) : Bits(raw, 3, 0);
        bool dual = !word && op == 3;
        uint rt2 = Bits(raw, 11, 8);
        if (rn == 15 || rd is 13 or 15 || rt is 13 or 15 || rd == rn || rd == rt || (dual && (rt2 is 13 or 15 || rd == rt2)))
        {
            return LoweredInsn.Undefined;
        }
        if (word)
        {
            return Bits(raw, 7, 0) == 0
                ? Lower(Always | 0x0180_0F90 | (rn << 16) | (rd << 12) | rt)
                : new LoweredInsn(&ThumbLoadStoreExclusive.StoreWord, raw);
        }
        return op switch
        {
            0 => Lower(Always | 0x01C0_0F90 | (rn << 16) | (rd << 12) | rt),
            1 => Lower(Always | 0x01E0_0F90 | (rn << 16) | (rd << 12) | rt),
            _ => new LoweredInsn(&ThumbLoadStoreExclusive.StoreDual, raw),
        };
    }
}
