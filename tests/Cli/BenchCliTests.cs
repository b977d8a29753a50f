// `codezero bench ipc` and `bench thumb` on the published binary: exit status, well-formed JSON with every case; never a timing assertion.
using System.Diagnostics;
using System.IO;
using System.Text.Json;
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
