// Integrity of the Thumb encoding table: well-formed rows, no row shadowed by an earlier one, every row reachable.
using System;
using System.Collections.Generic;
using System.Numerics;
using Codezero.Hal.ArmCortexA9.Decoder;
using Xunit;
using Xunit.Abstractions;

namespace Codezero.Tests.Hal;

/// <summary>
/// The same checks as <see cref="DecoderTableTests"/>, over <see cref="ThumbDecoder.Rows"/> as it is at run time:
/// the decoder tries rows most-specific-first within each width (T16, T32).
/// </summary>
public sealed unsafe class ThumbDecoderTableTests
{
    private const int SamplesPerRow = 200;
    private readonly ITestOutputHelper _output;

    public ThumbDecoderTableTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void EveryRowIsWellFormed()
    {
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        ReadOnlySpan<ThumbRow> rows = ThumbDecoder.Rows;
        for (int i = 0; i < rows.Length; i++)
        {
            ThumbRow row = rows[i];
            if ((row.Value & ~row.Mask) != 0)
            {
                problems.Add($"{row}: value has bits outside the mask");
            }
            if (row.Lower == null)
            {
                problems.Add($"{row}: no lowering");
            }
            if (string.IsNullOrWhiteSpace(row.Name) || !names.Add(row.Name))
            {
                problems.Add($"{row}: empty or duplicate name");
            }
            if (i > 0 && rows[i - 1].Is32 == row.Is32 && BitOperations.PopCount(rows[i - 1].Mask) < BitOperations.PopCount(row.Mask))
            {
                problems.Add($"{row}: listed after the less specific {rows[i - 1]}");
            }
            if (i > 0 && rows[i - 1].Is32 && !row.Is32)
            {
                problems.Add($"{row}: a T16 row after T32 rows");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Row i shadows a later row j of the same width when every encoding j matches also matches i.</summary>
    [Fact]
    public void NoRowIsShadowedByAnEarlierRow()
    {
        var problems = new List<string>();
        ReadOnlySpan<ThumbRow> rows = ThumbDecoder.Rows;
        for (int j = 0; j < rows.Length; j++)
        {
            for (int i = 0; i < j; i++)
            {
                if (rows[i].Is32 == rows[j].Is32
                    && (rows[i].Mask & rows[j].Mask) == rows[i].Mask && (rows[j].Value & rows[i].Mask) == rows[i].Value)
                {
                    problems.Add($"{rows[j]} is shadowed by the earlier {rows[i]}");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// Random encodings of each row must decode to that row or to a more specific row listed before it; a row whose
    /// samples all go elsewhere never wins and is dead.
    /// </summary>
    [Fact]
    public void SampledEncodingsDecodeToTheirRowOrAMoreSpecificOne()
    {
        var problems = new List<string>();
        var neverWins = new List<string>();
        var rng = new Random(0x7B);
        ReadOnlySpan<ThumbRow> rows = ThumbDecoder.Rows;
        for (int i = 0; i < rows.Length; i++)
        {
            ThumbRow row = rows[i];
            int wins = 0;
            for (int n = 0; n < SamplesPerRow; n++)
            {
                uint raw = row.Value | ((uint)rng.NextInt64(0, 1L << 32) & row.FieldMask);
                int found = row.Is32 ? ThumbDecoder.FindRow32(raw) : ThumbDecoder.FindRow16(raw);
                if (found == i)
                {
                    wins++;
                    continue;
                }
                if (found < 0 || found > i || !rows[found].Matches(raw)
                    || BitOperations.PopCount(rows[found].Mask) < BitOperations.PopCount(row.Mask))
                {
                    problems.Add($"0x{raw:X} of {row} decodes to {(found < 0 ? "UNDEFINED" : rows[found].ToString())}");
                    break;
                }
            }
            if (wins == 0)
            {
                neverWins.Add(row.ToString());
            }
        }
        _output.WriteLine($"{rows.Length} rows; rows that never win: {(neverWins.Count == 0 ? "none" : string.Join(", ", neverWins))}");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(neverWins.Count == 0, "rows that never decode (always taken by more specific rows):\n" + string.Join("\n", neverWins));
    }

    /// <summary>The T16 data-processing encodings set flags outside IT blocks only; the decoder keeps both meanings.</summary>
    [Fact]
    public void T16DataProcessingIsItSensitiveAndBranchesAreNot()
    {
        Assert.True(ThumbDecoder.IsItSensitive16(0x2005));  // movs r0, #5 (mov r0, #5 inside IT)
        Assert.True(ThumbDecoder.IsItSensitive16(0x1888));  // adds r0, r1, r2
        Assert.False(ThumbDecoder.IsItSensitive16(0x2805)); // cmp r0, #5 sets flags everywhere
        Assert.False(ThumbDecoder.IsItSensitive16(0x4770)); // bx lr
        Assert.Equal("MOV (imm) T16", ThumbDecoder.NameOf(0x2005));
        Assert.Equal("IT T16", ThumbDecoder.NameOf(0xBF08));
    }
}
