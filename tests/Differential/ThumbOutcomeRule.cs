// A Thumb fuzzer outcome rule: a step whose result the oracle cannot judge, so the case is skipped.
using System;

namespace Codezero.Tests.Differential;

/// <summary>An outcome rule of the Thumb fuzzer: a step whose result the oracle cannot judge; the case counts as skipped.</summary>
internal sealed record ThumbOutcomeRule(string Name, string Reason, Func<ThumbCase, ThumbStep, CpuSnapshot, CpuSnapshot, bool> Applies);
