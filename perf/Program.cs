// Entry point of the benchmarks: `dotnet run -c Release --project perf -- --filter '*'`.
using BenchmarkDotNet.Running;

namespace Codezero.Perf;

public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
