// Integrity of the A32 encoding table: well-formed rows, no row shadowed by an earlier one, every row reachable.
using System;
using System.Collections.Generic;
using System.Numerics;
using Codezero.Hal.ArmCortexA9.Decoder;
using Xunit;
using Xunit.Abstractions;

namespace Codezero.Tests.Hal;

/// <summary>
/// Checks <see cref="A32Decoder.Rows"/> as it is at run time (rows other branches add are checked too). The decoder
/// tries rows most-specific-first within the conditional or the unconditional (cond = 1111) space.
/// </summary>
public sealed unsafe class DecoderTableTests
{
    private const int SamplesPerRow = 200;
    private readonly ITestOutputHelper _output;

    public DecoderTableTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void EveryRowIsWellFormed()
    {
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        ReadOnlySpan<A32Row> rows = A32Decoder.Rows;
        for (int i = 0; i < rows.Length; i++)
        {
            A32Row row = rows[i];
            if ((row.Value & ~row.Mask) != 0)
            {
                problems.Add($"{row}: value has bits outside the mask (0x{row.Value & ~row.Mask:X8})");
            }
            string bits = row.Pattern.Replace(" ", "", StringComparison.Ordinal);
            bool conditional = bits.StartsWith("cccc", StringComparison.Ordinal);
            // BKPT is the one row fixed to AL: other conditions are UNPREDICTABLE and decode as UNDEFINED here.
            bool fixedAlways = bits.StartsWith("1110", StringComparison.Ordinal) && row.Name == "BKPT";
            if (conditional && (row.Mask >> 28) != 0)
            {
                problems.Add($"{row}: a 'cccc' row has fixed condition bits");
            }
            if (!conditional && !row.IsUnconditional && !fixedAlways)
            {
                problems.Add($"{row}: neither 'cccc' nor '1111' in bits 31:28");
            }
            if (row.Handler == null)
            {
                problems.Add($"{row}: no handler");
            }
            if (string.IsNullOrWhiteSpace(row.Name) || !names.Add(row.Name))
            {
                problems.Add($"{row}: empty or duplicate name");
            }
            if (i > 0 && BitOperations.PopCount(rows[i - 1].Mask) < BitOperations.PopCount(row.Mask))
            {
                problems.Add($"{row}: listed after the less specific {rows[i - 1]}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Row i shadows a later row j when every word j matches also matches i: (Mask_i &amp; Mask_j) == Mask_i and (Value_j &amp; Mask_i) == Value_i.</summary>
    [Fact]
    public void NoRowIsShadowedByAnEarlierRow()
    {
        var problems = new List<string>();
        ReadOnlySpan<A32Row> rows = A32Decoder.Rows;
        for (int j = 0; j < rows.Length; j++)
        {
            for (int i = 0; i < j; i++)
            {
                if (rows[i].IsUnconditional != rows[j].IsUnconditional)
                {
                    continue;
                }
                if ((rows[i].Mask & rows[j].Mask) == rows[i].Mask && (rows[j].Value & rows[i].Mask) == rows[i].Value)
                {
                    problems.Add($"{rows[j]} is shadowed by the earlier {rows[i]}");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// Random words of each row (fields random, condition 0-14 for conditional rows) must decode to that row or to a
    /// more specific row listed before it; a row whose samples all go elsewhere never wins and is dead.
    /// </summary>
    [Fact]
    public void SampledWordsDecodeToTheirRowOrAMoreSpecificOne()
    {
        var problems = new List<string>();
        var neverWins = new List<string>();
        var rng = new Random(0xA32);
        ReadOnlySpan<A32Row> rows = A32Decoder.Rows;
        for (int i = 0; i < rows.Length; i++)
        {
            A32Row row = rows[i];
            uint fields = ~row.Mask & (row.IsUnconditional ? 0xFFFF_FFFFu : 0x0FFF_FFFFu);
            int wins = 0;
            for (int n = 0; n < SamplesPerRow; n++)
            {
                uint word = row.Value | ((uint)rng.NextInt64(0, 1L << 32) & fields);
                if ((row.Mask >> 28) == 0)
                {
                    word |= (uint)rng.Next(15) << 28;
                }
                int found = A32Decoder.FindRow(word);
                if (found == i)
                {
                    wins++;
                    continue;
                }
                if (found < 0 || found > i || !rows[found].Matches(word)
                    || BitOperations.PopCount(rows[found].Mask) < BitOperations.PopCount(row.Mask))
                {
                    problems.Add($"0x{word:X8} of {row} decodes to {(found < 0 ? "UNDEFINED" : rows[found].ToString())}");
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
}
