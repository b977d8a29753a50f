// IPC latency (BenchmarkDotNet): kernel path and end to end, every tier and placement, against host baselines in the same run.
using BenchmarkDotNet.Attributes;
using Codezero.Bench;

namespace Codezero.Perf;

/// <summary>
/// One row per case, all in one class so that the Ratio column is against the same baseline, the pipe
/// round trip between two host threads (<c>Host_PipeRoundTrip</c>). Kernel_* drive the kernel's entry
/// from C# (bench/KernelPathBench.cs: no guest instruction runs; one round trip per invocation; getid is
/// one call, ThreadSwitchPair two switches). E2E_* run the board for one batch of <see cref="RoundTrips"/>
/// round trips between two ARM threads of guests/l4/ipcbench.c (bench/EndToEndBench.cs), reported per
/// round trip. Host_* are the baselines: pipe, a futex-backed SemaphoreSlim handoff, getppid. Each case
/// boots only its own board (GlobalSetup per target). Build the guests first (<c>make -C guests l4</c>).
/// Run: <c>dotnet run -c Release --project perf -- --filter '*Ipc*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class IpcBenchmarks
{
    /// <summary>Round trips per end-to-end invocation.</summary>
    public const int RoundTrips = 2000;

    private static readonly string Elf = IpcBenchImage.Find();

    private KernelPathBench? _kernel;
    private EndToEndBench? _endToEnd;
    private PipePingPong? _pipe;
    private FutexHandoff? _futex;

    [GlobalCleanup]
    public void Cleanup()
    {
        _kernel?.Dispose();
        _endToEnd?.Dispose();
        _pipe?.Dispose();
        _futex?.Dispose();
    }

    [GlobalSetup(Target = nameof(Host_PipeRoundTrip))]
    public void SetupPipe() => _pipe = new PipePingPong();

    [GlobalSetup(Target = nameof(Host_FutexHandoff))]
    public void SetupFutex() => _futex = new FutexHandoff();

    [GlobalSetup(Target = nameof(Kernel_Short_SameCore))]
    public void SetupKernel_Short_SameCore() => _kernel = new KernelPathBench(Elf, KernelPathKind.Ipc, IpcTier.Short, Placement.SameCore);

    [GlobalSetup(Target = nameof(Kernel_Short_SameCore_SlowPath))]
    public void SetupKernel_Short_SameCore_SlowPath() => _kernel = new KernelPathBench(Elf, KernelPathKind.Ipc, IpcTier.Short, Placement.SameCore, fastPath: false);

    [GlobalSetup(Target = nameof(Kernel_Full_SameCore))]
    public void SetupKernel_Full_SameCore() => _kernel = new KernelPathBench(Elf, KernelPathKind.Ipc, IpcTier.Full, Placement.SameCore);

    [GlobalSetup(Target = nameof(Kernel_Ext64_SameCore))]
    public void SetupKernel_Ext64_SameCore() => _kernel = new KernelPathBench(Elf, KernelPathKind.Ipc, IpcTier.Extended64, Placement.SameCore);

    [GlobalSetup(Target = nameof(Kernel_Ext512_SameCore))]
    public void SetupKernel_Ext512_SameCore() => _kernel = new KernelPathBench(Elf, KernelPathKind.Ipc, IpcTier.Extended512, Placement.SameCore);

    [GlobalSetup(Target = nameof(Kernel_Ext2048_SameCore))]
    public void SetupKernel_Ext2048_SameCore() => _kernel = new KernelPathBench(Elf, KernelPathKind.Ipc, IpcTier.Extended2048, Placement.SameCore);

    [GlobalSetup(Target = nameof(Kernel_Short_CrossCore))]
    public void SetupKernel_Short_CrossCore() => _kernel = new KernelPathBench(Elf, KernelPathKind.Ipc, IpcTier.Short, Placement.CrossCore);

    [GlobalSetup(Target = nameof(Kernel_Full_CrossCore))]
    public void SetupKernel_Full_CrossCore() => _kernel = new KernelPathBench(Elf, KernelPathKind.Ipc, IpcTier.Full, Placement.CrossCore);

    [GlobalSetup(Target = nameof(Kernel_Ext64_CrossCore))]
    public void SetupKernel_Ext64_CrossCore() => _kernel = new KernelPathBench(Elf, KernelPathKind.Ipc, IpcTier.Extended64, Placement.CrossCore);

    [GlobalSetup(Target = nameof(Kernel_Ext512_CrossCore))]
    public void SetupKernel_Ext512_CrossCore() => _kernel = new KernelPathBench(Elf, KernelPathKind.Ipc, IpcTier.Extended512, Placement.CrossCore);

    [GlobalSetup(Target = nameof(Kernel_Ext2048_CrossCore))]
    public void SetupKernel_Ext2048_CrossCore() => _kernel = new KernelPathBench(Elf, KernelPathKind.Ipc, IpcTier.Extended2048, Placement.CrossCore);

    [GlobalSetup(Target = nameof(Kernel_GetId))]
    public void SetupKernel_GetId() => _kernel = new KernelPathBench(Elf, KernelPathKind.NullSyscall);

    [GlobalSetup(Target = nameof(Kernel_ThreadSwitchPair))]
    public void SetupKernel_ThreadSwitchPair() => _kernel = new KernelPathBench(Elf, KernelPathKind.ThreadSwitch);

    [GlobalSetup(Target = nameof(E2E_Short_SameCore))]
    public void SetupE2E_Short_SameCore() => _endToEnd = new EndToEndBench(Elf, IpcTier.Short, Placement.SameCore, RoundTrips);

    [GlobalSetup(Target = nameof(E2E_Full_SameCore))]
    public void SetupE2E_Full_SameCore() => _endToEnd = new EndToEndBench(Elf, IpcTier.Full, Placement.SameCore, RoundTrips);

    [GlobalSetup(Target = nameof(E2E_Ext64_SameCore))]
    public void SetupE2E_Ext64_SameCore() => _endToEnd = new EndToEndBench(Elf, IpcTier.Extended64, Placement.SameCore, RoundTrips);

    [GlobalSetup(Target = nameof(E2E_Ext512_SameCore))]
    public void SetupE2E_Ext512_SameCore() => _endToEnd = new EndToEndBench(Elf, IpcTier.Extended512, Placement.SameCore, RoundTrips);

    [GlobalSetup(Target = nameof(E2E_Ext2048_SameCore))]
    public void SetupE2E_Ext2048_SameCore() => _endToEnd = new EndToEndBench(Elf, IpcTier.Extended2048, Placement.SameCore, RoundTrips);

    [GlobalSetup(Target = nameof(E2E_Short_CrossCore))]
    public void SetupE2E_Short_CrossCore() => _endToEnd = new EndToEndBench(Elf, IpcTier.Short, Placement.CrossCore, RoundTrips);

    [GlobalSetup(Target = nameof(E2E_Full_CrossCore))]
    public void SetupE2E_Full_CrossCore() => _endToEnd = new EndToEndBench(Elf, IpcTier.Full, Placement.CrossCore, RoundTrips);

    [GlobalSetup(Target = nameof(E2E_Ext64_CrossCore))]
    public void SetupE2E_Ext64_CrossCore() => _endToEnd = new EndToEndBench(Elf, IpcTier.Extended64, Placement.CrossCore, RoundTrips);

    [GlobalSetup(Target = nameof(E2E_Ext512_CrossCore))]
    public void SetupE2E_Ext512_CrossCore() => _endToEnd = new EndToEndBench(Elf, IpcTier.Extended512, Placement.CrossCore, RoundTrips);

    [GlobalSetup(Target = nameof(E2E_Ext2048_CrossCore))]
    public void SetupE2E_Ext2048_CrossCore() => _endToEnd = new EndToEndBench(Elf, IpcTier.Extended2048, Placement.CrossCore, RoundTrips);

    [Benchmark(Baseline = true), BenchmarkCategory("Host")]
    public void Host_PipeRoundTrip() => _pipe!.RoundTrip();

    [Benchmark, BenchmarkCategory("Host")]
    public void Host_FutexHandoff() => _futex!.RoundTrip();

    [Benchmark, BenchmarkCategory("Host")]
    public int Host_GetPpid() => HostSyscall.GetPpid();

    [Benchmark, BenchmarkCategory("KernelPath")]
    public void Kernel_Short_SameCore() => _kernel!.RoundTrip();

    [Benchmark, BenchmarkCategory("KernelPath")]
    public void Kernel_Short_SameCore_SlowPath() => _kernel!.RoundTrip();

    [Benchmark, BenchmarkCategory("KernelPath")]
    public void Kernel_Full_SameCore() => _kernel!.RoundTrip();

    [Benchmark, BenchmarkCategory("KernelPath")]
    public void Kernel_Ext64_SameCore() => _kernel!.RoundTrip();

    [Benchmark, BenchmarkCategory("KernelPath")]
    public void Kernel_Ext512_SameCore() => _kernel!.RoundTrip();

    [Benchmark, BenchmarkCategory("KernelPath")]
    public void Kernel_Ext2048_SameCore() => _kernel!.RoundTrip();

    [Benchmark, BenchmarkCategory("KernelPath")]
    public void Kernel_Short_CrossCore() => _kernel!.RoundTrip();

    [Benchmark, BenchmarkCategory("KernelPath")]
    public void Kernel_Full_CrossCore() => _kernel!.RoundTrip();

    [Benchmark, BenchmarkCategory("KernelPath")]
    public void Kernel_Ext64_CrossCore() => _kernel!.RoundTrip();

    [Benchmark, BenchmarkCategory("KernelPath")]
    public void Kernel_Ext512_CrossCore() => _kernel!.RoundTrip();

    [Benchmark, BenchmarkCategory("KernelPath")]
    public void Kernel_Ext2048_CrossCore() => _kernel!.RoundTrip();

    [Benchmark, BenchmarkCategory("KernelPath")]
    public void Kernel_GetId() => _kernel!.RoundTrip();

    [Benchmark, BenchmarkCategory("KernelPath")]
    public void Kernel_ThreadSwitchPair() => _kernel!.RoundTrip();

    [Benchmark(OperationsPerInvoke = RoundTrips), BenchmarkCategory("EndToEnd")]
    public void E2E_Short_SameCore() => _endToEnd!.RunBatch();

    [Benchmark(OperationsPerInvoke = RoundTrips), BenchmarkCategory("EndToEnd")]
    public void E2E_Full_SameCore() => _endToEnd!.RunBatch();

    [Benchmark(OperationsPerInvoke = RoundTrips), BenchmarkCategory("EndToEnd")]
    public void E2E_Ext64_SameCore() => _endToEnd!.RunBatch();

    [Benchmark(OperationsPerInvoke = RoundTrips), BenchmarkCategory("EndToEnd")]
    public void E2E_Ext512_SameCore() => _endToEnd!.RunBatch();

    [Benchmark(OperationsPerInvoke = RoundTrips), BenchmarkCategory("EndToEnd")]
    public void E2E_Ext2048_SameCore() => _endToEnd!.RunBatch();

    [Benchmark(OperationsPerInvoke = RoundTrips), BenchmarkCategory("EndToEnd")]
    public void E2E_Short_CrossCore() => _endToEnd!.RunBatch();

    [Benchmark(OperationsPerInvoke = RoundTrips), BenchmarkCategory("EndToEnd")]
    public void E2E_Full_CrossCore() => _endToEnd!.RunBatch();

    [Benchmark(OperationsPerInvoke = RoundTrips), BenchmarkCategory("EndToEnd")]
    public void E2E_Ext64_CrossCore() => _endToEnd!.RunBatch();

    [Benchmark(OperationsPerInvoke = RoundTrips), BenchmarkCategory("EndToEnd")]
    public void E2E_Ext512_CrossCore() => _endToEnd!.RunBatch();

    [Benchmark(OperationsPerInvoke = RoundTrips), BenchmarkCategory("EndToEnd")]
    public void E2E_Ext2048_CrossCore() => _endToEnd!.RunBatch();
}
