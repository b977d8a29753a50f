// A Thumb fuzzer operand rule: rewrites generated cases of some rows to avoid an UNPREDICTABLE or uncomparable form.
using System;

namespace Codezero.Tests.Differential;

/// <summary>An operand rule of the Thumb fuzzer: rewrites the instruction under test (or its registers) of the rows it applies to.</summary>
internal sealed record ThumbOperandRule(string Name, string Reason, Func<ThumbRowInfo, bool> AppliesTo, Action<ThumbRowInfo, ThumbCase, Random> Fix);
