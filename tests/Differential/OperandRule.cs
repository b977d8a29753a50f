// A fuzzer operand rule: rewrites generated cases of some rows to avoid an UNPREDICTABLE or uncomparable form.
using System;

namespace Codezero.Tests.Differential;

/// <summary>An operand rule: rewrites a generated case so that it avoids an UNPREDICTABLE or uncomparable form.</summary>
internal sealed record OperandRule(string Name, string Reason, Func<RowInfo, bool> AppliesTo, Action<RowInfo, FuzzCase, Random> Fix);
