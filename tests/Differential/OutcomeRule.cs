// A fuzzer outcome rule: a result the oracle cannot judge, so the case is skipped.
using System;

namespace Codezero.Tests.Differential;

/// <summary>An outcome rule: a run whose result the oracle cannot judge; the case counts as skipped.</summary>
internal sealed record OutcomeRule(string Name, string Reason, Func<FuzzCase, CpuSnapshot, CpuSnapshot, bool> Applies);
