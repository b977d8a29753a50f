// End-to-end tests of `codezero boot` and `codezero inspect` on the published binary: examples, errors, statuses, traces.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using Xunit;

namespace Codezero.Tests.Cli;

public sealed class BootCliTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "codezero-boot-" + Guid.NewGuid().ToString("N"));

    public BootCliTests() => Directory.CreateDirectory(_temp);

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static string Example(string name) => Path.Combine(RepoPaths.Root, "examples", name, name + ".toml");

    /// <summary>A manifest in the temp folder, next to a copy of guests/build/l4/hello.elf (and crash.elf, threads4.elf).</summary>
    private string Manifest(string name, string text)
    {
        foreach (string elf in new[] { "hello", "crash", "threads4" })
        {
            string copy = Path.Combine(_temp, elf + ".elf");
            if (!File.Exists(copy))
            {
                File.Copy(PublishedCli.Guest("l4/" + elf + ".elf"), copy);
            }
        }
        string path = Path.Combine(_temp, name + ".toml");
        File.WriteAllText(path, text);
        return path;
    }

    public static IEnumerable<object[]> Examples()
    {
        var expected = new Dictionary<string, string[]>
        {
            ["hello"] = ["hello  | hello: done"],
            ["pingpong"] = ["client | pingcli: 1000 round trips to 0x01001001, 0 wrong", "server | pingsrv: served 1000 calls, every client said goodbye"],
            ["pager"] = ["pager  | pager: faults served 9 (stack 1, heap 8, reads 1)", "pager  | pager: all checks passed"],
            ["uart"] = ["line 3 through the user-level driver", "driver | uartsrv: wrote 288 bytes for 8 requests", "alice  | uartcli: done; mapping UART0 itself gave -201"],
            ["isolation"] = ["refused", ", 0 allowed", "victim    | victim: unharmed", "bystander | threads4: all checks passed"],
        };
        foreach ((string name, string[] lines) in expected)
        {
            foreach (string mode in new[] { "deterministic", "parallel" })
            {
                yield return [name, mode, lines];
            }
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_boots_and_ends_cleanly_in_both_modes(string example, string mode, string[] lines)
    {
        Result result = PublishedCli.Run("boot", "--mode", mode, "--no-color", Example(example));

        Assert.True(result.Status == 0, $"status {result.Status}\n{result.Text}\n{result.Stderr}");
        foreach (string line in lines)
        {
            Assert.Contains(line, result.Text);
        }
        Assert.DoesNotContain("FAIL", result.Text);
        Assert.Contains("codezero boot " + Example(example), result.Stderr);
        Assert.Matches(@"\n  name +ended +threads +short +full +extended +faults +cycles\n", result.Stderr);
        Assert.DoesNotContain(" fault (", result.Stderr);
    }

    [Fact]
    public void The_summary_counts_each_containers_IPCs_by_tier()
    {
        Result result = PublishedCli.Run("boot", "--no-color", Example("uart"));

        Assert.Equal(0, result.Status);
        Assert.Matches(@"\n  driver +exit 0 +1 +0 +0 +8 +0 +[1-9][0-9]*\n", result.Stderr);
        Assert.Matches(@"\n  alice +exit 0 +1 +0 +0 +4 +0 +[1-9][0-9]*\n", result.Stderr);
    }

    [Fact]
    public void Inspect_prints_the_layout_and_every_capability_table()
    {
        Result result = PublishedCli.Run("inspect", Example("pingpong"));

        Assert.True(result.Status == 0, result.Stderr);
        string text = result.Text;
        Assert.Contains("memory layout (physical):", text);
        Assert.Matches(@"0x60700000-0x60afffff +4 MiB  container 1 'server'", text);
        Assert.Matches(@"0x60b00000-0x60efffff +4 MiB  container 2 'client'", text);
        Assert.Contains("container 1 'server' (bare): pager 0x01001001, priority 16, cores 0", text);
        Assert.Contains("container 2 'client' (bare): pager 0x02001002, priority 16, cores 0", text);
        Assert.Equal(2, Count(text, "  caps held by the pager's space:"));
        Assert.Equal(2, Count(text, "  caps shared with the whole container:"));
        // the client may call the server's pager only, with short IPC; the server holds the way back
        Assert.Matches(@"ipc +thread 0x01001001 +send short \[ctr\]", text);
        Assert.Matches(@"ipc +thread 0x02001002 +send short \[ctr\]", text);
        Assert.Matches(@"physical-memory +frames 0x60700000-0x60afffff", text);
        Assert.Matches(@"quantity +threads 0/16 used", text);
    }

    [Fact]
    public void Inspect_shows_a_device_in_the_layout_and_as_caps_of_its_owner_only()
    {
        Result result = PublishedCli.Run("inspect", Example("uart"));

        Assert.Equal(0, result.Status);
        Assert.Contains("uart0 (IRQ 37) -> container 1 'driver'", result.Text);
        Assert.Equal(1, Count(result.Text, "frames 0x10009000-0x10009fff"));
        Assert.Equal(1, Count(result.Text, "irq-control"));
    }

    public static IEnumerable<object[]> BadManifests() =>
    [
        ["unknown-field", "[[container]]\nname = \"a\"\nimage = \"hello.elf\"\ncolour = 3\n", ":4:1: container[0].colour: unknown key"],
        ["bad-value", "[[container]]\nname = \"a\"\nimage = \"hello.elf\"\npriority = 40\n", ":4:12: container 'a'.priority: 40 is out of range: 0-31"],
        ["overlap", "[[container]]\nname = \"a\"\nimage = \"hello.elf\"\nphysical = [{ base = 0x61000000, size = \"8MiB\" }]\n"
            + "[[container]]\nname = \"b\"\nimage = \"hello.elf\"\nphysical = [{ base = 0x61400000, size = \"8MiB\" }]\n",
            ":8:13: container 'b'.physical[0]: 0x61400000-0x61BFFFFF overlaps container 'a' physical[0]"],
        ["beyond-the-board", "[[container]]\nname = \"a\"\nimage = \"hello.elf\"\nmemory = \"512MiB\"\n", ":4:10: container 'a'.memory: 512 MiB asked"],
        ["missing-image", "[[container]]\nname = \"a\"\nimage = \"missing.elf\"\n", ":3:9: container 'a'.image: image file not found"],
        ["unknown-container", "[[container]]\nname = \"a\"\nimage = \"hello.elf\"\n[[container.ipc]]\nto = \"nobody\"\n", ":5:6: container 'a'.ipc[0].to: no container is named 'nobody'"],
        ["syntax", "[[container]\nname = \"a\"\n", ":1:12: toml: "],
    ];

    [Theory]
    [MemberData(nameof(BadManifests))]
    public void Every_class_of_manifest_error_gets_its_line_column_field_and_status_78(string name, string text, string message)
    {
        string path = Manifest(name, text);
        foreach (string verb in new[] { "boot", "inspect" })
        {
            Result result = PublishedCli.Run(verb, path);

            Assert.Equal(78, result.Status);
            Assert.StartsWith("codezero: " + path + message, result.Stderr);
            Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
            Assert.Empty(result.Stdout);
        }
    }

    [Fact]
    public void A_missing_manifest_is_status_78_at_line_1()
    {
        string path = Path.Combine(_temp, "absent.toml");
        Result result = PublishedCli.Run("boot", path);

        Assert.Equal(78, result.Status);
        Assert.StartsWith("codezero: " + path + ":1:1: ", result.Stderr);
    }

    [Fact]
    public void A_faulting_container_is_reported_stopped_and_the_others_run_on_with_status_70()
    {
        string path = Manifest("fault", "[[container]]\nname = \"crash\"\nimage = \"crash.elf\"\n[[container]]\nname = \"hello\"\nimage = \"hello.elf\"\n");
        Result result = PublishedCli.Run("boot", "--no-color", path);

        Assert.Equal(70, result.Status);
        Assert.Contains("kernel | kernel: thread 0x01001001 stopped: data abort at pc ", result.Text);
        Assert.Contains("hello  | hello: done", result.Text);
        Assert.Matches(@"\n  crash fault \(1\) ", result.Stderr);
        Assert.Matches(@"\n  hello exit 0 ", result.Stderr);
    }

    [Fact]
    public void The_cycle_limit_stops_the_run_with_status_66()
    {
        string path = Manifest("limit", "[[container]]\nname = \"busy\"\nimage = \"threads4.elf\"\n");
        Result result = PublishedCli.Run("boot", "--max-cycles", "300000", path);

        Assert.Equal(66, result.Status);
        Assert.Matches(@"\n  busy +running ", result.Stderr);
    }

    [Fact]
    public void Bad_options_are_usage_errors()
    {
        PublishedCli.AssertOneLineError(PublishedCli.Run("boot", "--cpus", "5", Example("hello")), 64, "--cpus must be between 1 and 4, not 5");
        PublishedCli.AssertOneLineError(PublishedCli.Run("boot", "--mode", "fast", Example("hello")), 64, "--mode must be deterministic or parallel, not 'fast'");
        PublishedCli.AssertOneLineError(PublishedCli.Run("boot", "--max-cycles", "0", Example("hello")), 64, "--max-cycles must be positive");
    }

    [Theory]
    [InlineData("boot")]
    [InlineData("inspect")]
    public void Help_describes_the_verb(string verb)
    {
        Result result = PublishedCli.Run(verb, "--help");

        Assert.Equal(0, result.Status);
        Assert.Contains("manifest (pos. 0)", result.Text + result.Stderr);
    }

    /// <summary>
    /// pingpong with --trace: the file is a Chrome trace-event object (what ui.perfetto.dev opens), with a
    /// named track per core, complete events for the threads that ran, and IPC flows in start/finish
    /// pairs; in the order they happened the flows alternate client to server, server to client.
    /// </summary>
    [Fact]
    public void A_trace_of_the_ping_pong_is_valid_and_shows_the_alternation()
    {
        string trace = Path.Combine(_temp, "pingpong.json");
        Result result = PublishedCli.Run("boot", "--trace", trace, Example("pingpong"));
        Assert.Equal(0, result.Status);
        Assert.Contains("codezero: trace of ", result.Stderr);

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(trace));
        JsonElement events = doc.RootElement.GetProperty("traceEvents");
        var cores = new HashSet<string>();
        var flows = new List<(int Id, string Name)>();
        var starts = new Dictionary<int, string>();
        int finishes = 0, slices = 0;
        foreach (JsonElement e in events.EnumerateArray())
        {
            string ph = e.GetProperty("ph").GetString()!;
            Assert.Equal(1, e.GetProperty("pid").GetInt32());
            switch (ph)
            {
                case "M":
                    if (e.GetProperty("name").GetString() == "thread_name")
                    {
                        cores.Add(e.GetProperty("args").GetProperty("name").GetString()!);
                    }
                    break;
                case "X":
                    slices++;
                    Assert.True(e.GetProperty("dur").GetDouble() >= 0);
                    Assert.True(e.GetProperty("ts").GetDouble() >= 0);
                    break;
                case "s":
                    starts[e.GetProperty("id").GetInt32()] = e.GetProperty("name").GetString()!;
                    flows.Add((e.GetProperty("id").GetInt32(), e.GetProperty("name").GetString()!));
                    break;
                case "f":
                    Assert.True(starts.ContainsKey(e.GetProperty("id").GetInt32()), "a flow finishes that never started");
                    Assert.Equal("e", e.GetProperty("bp").GetString());
                    finishes++;
                    break;
                case "i":
                    break;
                default:
                    Assert.Fail("unexpected phase " + ph);
                    break;
            }
        }
        Assert.Equal(["core 0", "core 1"], cores);
        Assert.True(slices > 1000, $"{slices} thread slices");
        Assert.Equal(starts.Count, finishes);
        flows.Sort((a, b) => a.Id.CompareTo(b.Id)); // ids number the IPCs in the order they happened
        int alternations = 0;
        for (int i = 1; i < flows.Count; i++)
        {
            bool fromClient = flows[i].Name.StartsWith("client", StringComparison.Ordinal);
            bool previousFromClient = flows[i - 1].Name.StartsWith("client", StringComparison.Ordinal);
            Assert.True(fromClient != previousFromClient, $"flows {i - 1} and {i} go the same way: {flows[i - 1].Name}, {flows[i].Name}");
            alternations++;
        }
        Assert.True(alternations >= 2000, $"{alternations} alternations (1000 calls and replies expected)");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>Ctrl-C (SIGINT) in the middle of a run: the run stops, the summary is printed, the status is 130.</summary>
    [Fact]
    public async System.Threading.Tasks.Task Ctrl_C_stops_the_run_and_prints_the_summary()
    {
        string path = Manifest("long", "[[container]]\nname = \"busy\"\nimage = \"threads4.elf\"\n[[container]]\nname = \"busier\"\nimage = \"threads4.elf\"\n"
            + "[[container]]\nname = \"busiest\"\nimage = \"threads4.elf\"\n");
        var start = new ProcessStartInfo(PublishedCli.Binary()) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { "boot", "--cpus", "1", "--no-color", path })
        {
            start.ArgumentList.Add(arg);
        }
        using Process process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await System.Threading.Tasks.Task.Delay(500); // three threads4 on one core take well over a second
        Assert.Equal(0, kill(process.Id, 2));
        Assert.True(process.WaitForExit(30_000), "codezero did not stop on SIGINT");
        string errors = await stderr;
        await stdout;

        Assert.Equal(130, process.ExitCode);
        Assert.Contains("codezero boot " + path, errors);
        Assert.Matches(@"\n  busiest +running ", errors);
    }

    private static int Count(string text, string what)
    {
        int n = 0;
        for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            n++;
        }
        return n;
    }
}
