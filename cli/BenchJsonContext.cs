// Source-generated System.Text.Json metadata for `codezero bench ipc --json` and `bench thumb --json` (no reflection: NativeAOT-clean).
using System.Text.Json.Serialization;
using Codezero.Bench;

namespace Codezero.Cli;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IpcBenchReport))]
[JsonSerializable(typeof(ThumbSpeedReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext
{
}
