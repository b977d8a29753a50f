// A page fault served by a pager (BenchmarkDotNet): kernel path and end to end, against the host's own minor page fault in the same run.
using BenchmarkDotNet.Attributes;
using Codezero.Bench;

namespace Codezero.Perf;

/// <summary>
/// One row per case; the Ratio column is against the host's minor page fault (<c>Host_PageFault</c>:
/// madvise(MADV_DONTNEED) drops an anonymous page and a write faults a zeroed one back in; bench/HostPageFault.cs).
/// Kernel_PageFault drives the kernel's entry from C# (bench/PageFaultKernelPathBench.cs: the toucher's
/// data abort, then the pager's map, unmap and reply-and-wait; no guest instruction runs; one fault per
/// invocation). E2E_PageFault runs the board for a batch of <see cref="Faults"/> faults of
/// guests/l4/pfbench.c (bench/PageFaultEndToEndBench.cs): the toucher's write to an unmapped page, the
/// fault IPC to its pager thread, the pager's map of the page, unmap of the other one and answer, every
/// instruction interpreted; reported per fault. Host_PipeRoundTrip is the IPC benchmarks' baseline,
/// here for scale. Build the guests first (<c>make -C guests l4</c>).
/// Run: <c>dotnet run -c Release --project perf -- --filter '*PageFault*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class PageFaultBenchmarks
{
    /// <summary>Faults per end-to-end invocation.</summary>
    public const int Faults = 2000;

    private static readonly string Elf = PageFaultBenchImage.Find();

    private PageFaultKernelPathBench? _kernel;
    private PageFaultEndToEndBench? _endToEnd;
    private HostPageFault? _host;
    private PipePingPong? _pipe;

    [GlobalCleanup]
    public void Cleanup()
    {
        _kernel?.Dispose();
        _endToEnd?.Dispose();
        _host?.Dispose();
        _pipe?.Dispose();
    }

    [GlobalSetup(Target = nameof(Host_PageFault))]
    public void SetupHost() => _host = new HostPageFault();

    [GlobalSetup(Target = nameof(Host_PipeRoundTrip))]
    public void SetupPipe() => _pipe = new PipePingPong();

    [GlobalSetup(Target = nameof(Kernel_PageFault))]
    public void SetupKernel() => _kernel = new PageFaultKernelPathBench(Elf);

    [GlobalSetup(Target = nameof(E2E_PageFault))]
    public void SetupEndToEnd() => _endToEnd = new PageFaultEndToEndBench(Elf, Faults);

    [Benchmark(Baseline = true), BenchmarkCategory("Host")]
    public void Host_PageFault() => _host!.Fault();

    [Benchmark, BenchmarkCategory("Host")]
    public void Host_PipeRoundTrip() => _pipe!.RoundTrip();

    [Benchmark, BenchmarkCategory("KernelPath")]
    public void Kernel_PageFault() => _kernel!.Fault();

    [Benchmark(OperationsPerInvoke = Faults), BenchmarkCategory("EndToEnd")]
    public void E2E_PageFault() => _endToEnd!.RunBatch();
}
