// `codezero bench ipc` and `bench thumb` on the published binary: exit status, well-formed JSON and table with every case (the page fault too); never a timing assertion.
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace Codezero.Tests.Cli;

/// <summary>
/// Runs out/cli/codezero (published by the test script) with a tiny workload. Speed is measured, never
/// asserted: these tests check only that the verb runs every case and reports it in the documented shape.
/// </summary>
public sealed class BenchCliTests
{
    private static (int Status, string Stdout, string Stderr) Run(params string[] args)
    {
        string binary = Path.Combine(RepoPaths.Root, "out", "cli", "codezero");
        Assert.True(File.Exists(binary), $"{binary} is missing: publish it first with 'dotnet publish cli/Codezero.Cli.csproj -c Release -r linux-x64 -o out/cli'");
        var start = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(), // the guest is found from the binary's own directory
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(300_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("codezero " + string.Join(' ', args) + " did not finish within 300 s");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Bench_ipc_json_reports_every_tier_placement_and_baseline()
    {
        (int status, string stdout, string stderr) = Run("bench", "ipc", "--json", "--batches", "2", "--round-trips", "100");
        Assert.True(status == 0, stderr);

        using JsonDocument doc = JsonDocument.Parse(stdout);
        JsonElement root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("batches").GetInt32());
        Assert.Equal(100, root.GetProperty("roundTrips").GetInt32());
        foreach (string group in new[] { "kernelPath", "endToEnd" })
        {
            string prefix = group == "kernelPath" ? "kernel" : "e2e";
            foreach (string placement in new[] { "same-core", "cross-core" })
            {
                foreach (string tier in new[] { "short", "full", "extended-64", "extended-512", "extended-2048" })
                {
                    JsonElement f = Find(root.GetProperty(group), $"{prefix}-{tier}-{placement}");
                    Assert.Equal(placement, f.GetProperty("placement").GetString());
                    Assert.Equal(2, f.GetProperty("batches").GetInt32());
                    Assert.True(f.GetProperty("medianNs").GetDouble() > 0);
                    Assert.True(f.GetProperty("minNs").GetDouble() <= f.GetProperty("maxNs").GetDouble());
                    Assert.True(f.GetProperty("cyclesPerRoundTrip").GetDouble() > 0);
                }
            }
        }
        Find(root.GetProperty("kernelPath"), "kernel-short-same-core-slow-path");
        Find(root.GetProperty("kernelPath"), "kernel-getid");
        Find(root.GetProperty("kernelPath"), "kernel-thread-switch");
        Assert.True(Find(root.GetProperty("endToEnd"), "e2e-short-same-core").GetProperty("instructionsPerRoundTrip").GetDouble() > 0);
        foreach (string name in new[] { "pipe", "futex-handoff", "getppid" })
        {
            JsonElement f = Find(root.GetProperty("baselines"), name);
            Assert.Equal(JsonValueKind.Null, f.GetProperty("cyclesPerRoundTrip").ValueKind);
        }
        Assert.True(root.GetProperty("ratios").GetArrayLength() > 20);
        Assert.Equal(2, root.GetProperty("targets").GetArrayLength());
    }

    [Fact]
    public void Bench_ipc_json_reports_the_page_fault_served_by_a_pager_both_ways_with_its_host_baseline()
    {
        (int status, string stdout, string stderr) = Run("bench", "ipc", "--json", "--batches", "2", "--round-trips", "100");
        Assert.True(status == 0, stderr);
        Assert.Contains("codezero bench: kernel-page-fault\n", stderr);
        Assert.Contains("codezero bench: e2e-page-fault\n", stderr);

        using JsonDocument doc = JsonDocument.Parse(stdout);
        JsonElement root = doc.RootElement;
        JsonElement kernel = Find(root.GetProperty("kernelPath"), "kernel-page-fault");
        JsonElement e2e = Find(root.GetProperty("endToEnd"), "e2e-page-fault");
        foreach (JsonElement f in new[] { kernel, e2e })
        {
            Assert.Equal("same-core", f.GetProperty("placement").GetString());
            Assert.Equal("", f.GetProperty("tier").GetString());
            Assert.Equal(2, f.GetProperty("batches").GetInt32());
            Assert.Equal(100, f.GetProperty("roundTripsPerBatch").GetInt32());
            Assert.True(f.GetProperty("medianNs").GetDouble() > 0);
            Assert.True(f.GetProperty("p10Ns").GetDouble() <= f.GetProperty("p90Ns").GetDouble());
        }
        Assert.Equal("kernel-path", kernel.GetProperty("group").GetString());
        Assert.Equal("end-to-end", e2e.GetProperty("group").GetString());
        // Cycles per fault: the kernel's charge alone on the kernel path; that plus the guest's instructions end to end.
        double kernelCycles = kernel.GetProperty("cyclesPerRoundTrip").GetDouble();
        Assert.True(kernelCycles > 0);
        Assert.Equal(0, kernel.GetProperty("instructionsPerRoundTrip").GetDouble());
        double instructions = e2e.GetProperty("instructionsPerRoundTrip").GetDouble();
        Assert.True(instructions > 0);
        Assert.Equal(kernelCycles + instructions, e2e.GetProperty("cyclesPerRoundTrip").GetDouble(), 6);

        JsonElement host = Find(root.GetProperty("baselines"), "host-page-fault");
        Assert.Equal("baseline", host.GetProperty("group").GetString());
        Assert.True(host.GetProperty("medianNs").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, host.GetProperty("cyclesPerRoundTrip").ValueKind);
        Assert.Equal(JsonValueKind.Null, host.GetProperty("instructionsPerRoundTrip").ValueKind);

        JsonElement ratios = root.GetProperty("ratios");
        foreach ((string name, string baseline) in new[] { ("kernel-page-fault", "host-page-fault"), ("kernel-page-fault", "pipe"),
                     ("e2e-page-fault", "host-page-fault"), ("e2e-page-fault", "pipe"), ("e2e-page-fault", "futex-handoff") })
        {
            JsonElement r = FindRatio(ratios, name, baseline);
            Assert.Equal(Find(root.GetProperty(name.StartsWith("kernel", StringComparison.Ordinal) ? "kernelPath" : "endToEnd"), name).GetProperty("medianNs").GetDouble()
                / Find(root.GetProperty("baselines"), baseline).GetProperty("medianNs").GetDouble(), r.GetProperty("ratio").GetDouble(), 9);
        }
    }

    [Fact]
    public void Bench_ipc_table_has_page_fault_rows_and_their_ratios()
    {
        (int status, string stdout, string stderr) = Run("bench", "ipc", "--batches", "1", "--round-trips", "50");
        Assert.True(status == 0, stderr);
        string[] lines = stdout.Split('\n');
        // case, median, p10-p90, min-max, cycles, instructions: numbers for ours, "-" for the host's columns
        string[] kernel = Row(lines, "kernel-page-fault");
        string[] e2e = Row(lines, "e2e-page-fault");
        string[] host = Row(lines, "host-page-fault");
        Assert.True(double.Parse(kernel[4], CultureInfo.InvariantCulture) > 0);
        Assert.Equal("0.0", kernel[5]);
        Assert.True(double.Parse(e2e[4], CultureInfo.InvariantCulture) > double.Parse(e2e[5], CultureInfo.InvariantCulture));
        Assert.Equal(["-", "-"], host[4..]);
        foreach (string[] row in new[] { kernel, e2e, host })
        {
            Assert.True(double.Parse(row[1], CultureInfo.InvariantCulture) > 0, string.Join(' ', row));
        }
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^  kernel-page-fault +/ host-page-fault +\d+\.\d{3}$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^  e2e-page-fault +/ host-page-fault +\d+\.\d{3}$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^  e2e-page-fault +/ pipe +\d+\.\d{3}$"));
    }

    [Fact]
    public void Bench_without_the_page_fault_guest_beside_the_ipc_guest_is_a_bad_elf()
    {
        string dir = Directory.CreateTempSubdirectory("codezero-bench-").FullName;
        try
        {
            string elf = Path.Combine(dir, "ipcbench.elf");
            File.Copy(Path.Combine(RepoPaths.Root, "guests", "build", "l4", "ipcbench.elf"), elf);
            (int status, string stdout, string stderr) = Run("bench", "ipc", "--elf", elf, "--batches", "1", "--round-trips", "1");
            Assert.Equal(65, status);
            Assert.Empty(stdout);
            Assert.StartsWith($"codezero: {Path.Combine(dir, "pfbench.elf")}: no such file", stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Bench_with_an_unknown_benchmark_or_bad_count_is_a_usage_error()
    {
        (int status, string stdout, string stderr) = Run("bench", "nope");
        Assert.Equal(64, status);
        Assert.Equal("codezero: bench: unknown benchmark 'nope' (known: ipc, thumb)\n", stderr);
        Assert.Empty(stdout);

        (status, _, stderr) = Run("bench", "ipc", "--batches", "0");
        Assert.Equal(64, status);
        Assert.Equal("codezero: --batches must be between 1 and 1000, not 0\n", stderr);
    }

    /// <summary>The harness itself, on the ARM build given as both builds: two figures, the same output, a ratio.</summary>
    [Fact]
    public void Bench_thumb_json_reports_both_builds_and_their_ratio()
    {
        string arm = RepoPaths.GuestElf("bench");
        (int status, string stdout, string stderr) = Run("bench", "thumb", "--json", "--runs", "1", "--iterations", "2", "--elf", arm, "--thumb-elf", arm);
        Assert.True(status == 0, stderr);
        using JsonDocument doc = JsonDocument.Parse(stdout);
        JsonElement root = doc.RootElement;
        Assert.Equal("2", root.GetProperty("guestArguments").GetString());
        Assert.Equal(1, root.GetProperty("runs").GetInt32());
        Assert.True(root.GetProperty("sameOutput").GetBoolean());
        Assert.True(root.GetProperty("speedRatio").GetDouble() > 0);
        foreach (string build in new[] { "arm", "thumb" })
        {
            JsonElement f = root.GetProperty(build);
            Assert.Equal(build, f.GetProperty("build").GetString());
            Assert.True(f.GetProperty("instructions").GetInt64() > 1_000_000);
            Assert.Equal(0, f.GetProperty("exitStatus").GetInt32());
            Assert.True(f.GetProperty("medianSeconds").GetDouble() > 0);
            Assert.True(f.GetProperty("mips").GetDouble() > 0);
        }
        Assert.Contains("codezero bench: thumb warm-up", stderr);
    }

    /// <summary>The real pair: guests/build/bench.elf and guests/build/thumb/bench.elf print the same and retire different instruction counts.</summary>
    [Fact]
    public void Bench_thumb_runs_the_thumb_build_to_the_same_output()
    {
        (int status, string stdout, string stderr) = Run("bench", "thumb", "--runs", "1", "--iterations", "2");
        Assert.True(status == 0, stderr);
        Assert.Contains("result: identical stdout and exit status", stdout);
        Assert.Contains("thumb speed (arm median time / thumb median time): ", stdout);
        Assert.Contains("guests/build/thumb/bench.elf", stdout);
    }

    [Theory]
    [InlineData("--runs", "0")]
    [InlineData("--iterations", "0")]
    public void Bench_thumb_refuses_bad_counts(string option, string value)
    {
        (int status, _, string stderr) = Run("bench", "thumb", option, value);
        Assert.Equal(64, status);
        Assert.Contains(option, stderr);
    }

    /// <summary>The row of a case in the text table, split on runs of spaces.</summary>
    private static string[] Row(string[] lines, string name)
    {
        foreach (string line in lines)
        {
            string[] cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length == 6 && cells[0] == name)
            {
                return cells;
            }
        }
        Assert.Fail($"no table row for {name}");
        return [];
    }

    private static JsonElement FindRatio(JsonElement ratios, string name, string baseline)
    {
        foreach (JsonElement r in ratios.EnumerateArray())
        {
            if (r.GetProperty("name").GetString() == name && r.GetProperty("baseline").GetString() == baseline)
            {
                return r;
            }
        }
        Assert.Fail($"no ratio {name} / {baseline}");
        return default;
    }

    private static JsonElement Find(JsonElement figures, string name)
    {
        foreach (JsonElement f in figures.EnumerateArray())
        {
            if (f.GetProperty("name").GetString() == name)
            {
                return f;
            }
        }
        Assert.Fail($"no figure named {name}");
        return default;
    }
}
