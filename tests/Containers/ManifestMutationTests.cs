// A seeded mutation campaign over examples/*/*.toml: every mutant loads, or fails with a located one-line ManifestException.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Codezero.Containers;
using Codezero.Kernel;
using Codezero.Tests.Differential;
using Xunit;
using Xunit.Abstractions;

namespace Codezero.Tests.Containers;

/// <summary>
/// Mutants are written as files next to a link to the repository's guests/, at the examples' depth, so
/// their relative image paths still resolve, and loaded with <see cref="ManifestLoader.Load"/> (the
/// bytes, UTF-8 decoding included). Settings: <c>CODEZERO_MANIFEST_FUZZ_SEED</c> (default
/// <see cref="DefaultSeed"/>, printed either way) and <c>CODEZERO_MANIFEST_FUZZ_COUNT</c> (mutants per
/// example; default <see cref="DefaultCount"/>, CI-sized).
/// </summary>
public sealed class ManifestMutationTests : IDisposable
{
    public const int DefaultSeed = 20261208, DefaultCount = 400;

    /// <summary>Pieces a mutation inserts: TOML punctuation, manifest keys and tables, extreme values, bytes that are not text.</summary>
    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", "[[", "]]", "=", ",", ".", "\"", "'", "\"\"\"", "'''", "#", "\n", "\\", "\\u0000", "\\U0010FFFF",
        "0x", "-", "+", "_", "1e400", "inf", "nan", "-0", "99999999999999999999", "0xFFFFFFFF", "-9223372036854775808",
        "1979-05-27T07:32:00Z", "true", "false", "\"8MiB\"", "\"4GiB\"", "\"0KiB\"",
        "name", "image", "memory", "physical", "virtual", "entry", "affinity", "priority", "pools", "ipc", "device", "rights",
        "[[container]]\n", "[container.pools]\n", "[[container.ipc]]\n", "[board]\n", "[[container.device]]\nname = \"uart0\"\n",
        "threads = 4095\n", "spaces = 4095\n", "caps = 4095\n", "semihosting = true\n", "entry = 0x20000000\n",
        "virtual = [{ base = 0x40000000, size = 4096 }]\n", "physical = [{ base = 0x60000000, size = \"1MiB\" }]\n",
        "image = \"../../guests/build/hello.elf\"\n", "image = \"/dev/zero\"\n", "image = \"..\"\n",
        "a = { b = { c = { d = 1 } } }\n", "\u00e9", "\u0001", "\0", "\ufeff",
    ];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "codezero-mutants-" + Guid.NewGuid().ToString("N"));
    private readonly ITestOutputHelper _output;

    public ManifestMutationTests(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(Path.Combine(_root, "examples", "mutant"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "guests"), Path.Combine(RepoPaths.Root, "guests"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void EveryMutantOfEveryExampleLoadsOrFailsWithALocatedManifestError()
    {
        int seed = FuzzCampaign.ReadInt("CODEZERO_MANIFEST_FUZZ_SEED") ?? DefaultSeed;
        int count = FuzzCampaign.ReadInt("CODEZERO_MANIFEST_FUZZ_COUNT") ?? DefaultCount;
        _output.WriteLine($"manifest mutation campaign: seed {seed} (CODEZERO_MANIFEST_FUZZ_SEED), {count} mutants per example (CODEZERO_MANIFEST_FUZZ_COUNT)");
        var random = new Random(seed);
        BoardLimits limits = ManifestBoot.LimitsFor(new KernelOptions(), 0, 0);
        string path = Path.Combine(_root, "examples", "mutant", "mutant.toml");
        var failures = new List<string>();
        int loaded = 0, refused = 0;
        string[] examples = Directory.GetFiles(Path.Combine(RepoPaths.Root, "examples"), "*.toml", SearchOption.AllDirectories);
        Array.Sort(examples, StringComparer.Ordinal);
        Assert.NotEmpty(examples);
        foreach (string example in examples)
        {
            byte[] original = File.ReadAllBytes(example);
            for (int i = 0; i < count; i++)
            {
                byte[] mutant = Mutate(original, random);
                File.WriteAllBytes(path, mutant);
                try
                {
                    ManifestLoader.Load(path, limits);
                    loaded++;
                }
                catch (ManifestException e)
                {
                    refused++;
                    int lines = 1 + Array.FindAll(mutant, b => b == (byte)'\n').Length;
                    if (e.Location.File != path || e.Location.Line < 1 || e.Location.Line > lines || e.Location.Column < 1 || e.Message.Contains('\n'))
                    {
                        failures.Add($"{Path.GetFileName(example)} mutant {i}: badly located: {e.Message}\n{Show(mutant)}");
                    }
                }
                catch (Exception e)
                {
                    failures.Add($"{Path.GetFileName(example)} mutant {i}: {e.GetType().FullName}: {e.Message}\n{Show(mutant)}");
                }
            }
        }
        _output.WriteLine($"{loaded} mutants loaded, {refused} refused with a located error, {failures.Count} failures");
        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} failures; first:\n" + string.Join("\n", failures.GetRange(0, Math.Min(5, failures.Count))));
        Assert.True(refused > 0 && loaded > 0, $"{loaded} loaded, {refused} refused: the mutations should give both");
    }

    [Fact]
    public void EveryMutantOfALibl4ImageLoadsOrFailsAtTheImageOrItsMemory()
    {
        int seed = FuzzCampaign.ReadInt("CODEZERO_MANIFEST_FUZZ_SEED") ?? DefaultSeed;
        int count = FuzzCampaign.ReadInt("CODEZERO_MANIFEST_FUZZ_COUNT") ?? DefaultCount;
        _output.WriteLine($"image mutation campaign: seed {seed}, {2 * count} mutants of guests/build/l4/hello.elf");
        var random = new Random(seed);
        byte[] original = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "guests", "build", "l4", "hello.elf"));
        string image = Path.Combine(_root, "examples", "mutant", "image.elf");
        string path = Path.Combine(_root, "examples", "mutant", "image.toml");
        File.WriteAllText(path, "[[container]]\nname = \"a\"\nimage = \"image.elf\"\n");
        BoardLimits limits = ManifestBoot.LimitsFor(new KernelOptions(), 0, 16u << 20);
        var failures = new List<string>();
        int loaded = 0;
        for (int i = 0; i < 2 * count; i++)
        {
            byte[] mutant = (byte[])original.Clone();
            for (int flips = random.Next(1, 9); flips > 0; flips--)
            {
                // Mostly the headers, where a flip changes what the loader sees.
                int at = random.Next(4) == 0 ? random.Next(mutant.Length) : random.Next(Math.Min(mutant.Length, 52 + 4 * 32));
                mutant[at] = (byte)random.Next(256);
            }
            File.WriteAllBytes(image, random.Next(8) == 0 ? mutant[..random.Next(mutant.Length)] : mutant);
            try
            {
                Manifest manifest = ManifestLoader.Load(path, limits);
                if (loaded++ < 40)
                {
                    // What the check accepts, the loader can load: boot it (the cores do not run).
                    using var board = new Codezero.Hal.ArmCortexA9.Board(new Codezero.Hal.ArmCortexA9.BoardOptions { Cores = 4, RamSize = 16u << 20, Semihosting = false });
                    ManifestBoot.Boot(board, parallel: false, manifest, ManifestBoot.OptionsFor(manifest));
                }
            }
            catch (ManifestException e) when (!e.Message.Contains('\n')
                && ((e.Location == new SourceLocation(path, 3, 9) && e.Field == "container 'a'.image")
                    || (e.Location == new SourceLocation(path, 1, 1) && e.Field == "container 'a'.memory"))) // the default memory is too small for it
            {
            }
            catch (Exception e)
            {
                failures.Add($"mutant {i}: {e.GetType().FullName}: {e.Message}");
            }
        }
        _output.WriteLine($"{loaded} mutants loaded, {2 * count - loaded - failures.Count} refused at the image or its memory, {failures.Count} failures");
        Assert.True(failures.Count == 0, $"seed {seed}: " + string.Join("\n", failures.GetRange(0, Math.Min(5, failures.Count))));
    }

    /// <summary>One to four edits: a byte changed, a range deleted, a token inserted, a line duplicated, deleted or swapped.</summary>
    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        for (int edits = random.Next(1, 5); edits > 0; edits--)
        {
            int at = random.Next(bytes.Count + 1);
            switch (random.Next(7))
            {
                case 0 when bytes.Count > 0:
                    bytes[Math.Min(at, bytes.Count - 1)] = (byte)random.Next(256);
                    break;
                case 1 when bytes.Count > 0:
                    int from = Math.Min(at, bytes.Count - 1);
                    bytes.RemoveRange(from, Math.Min(random.Next(1, 40), bytes.Count - from));
                    break;
                case 2:
                case 3:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)]));
                    break;
                case 4:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(new string('{', random.Next(1, 80)) + new string('[', random.Next(0, 40))));
                    break;
                default:
                    List<string> lines = new(Encoding.UTF8.GetString(bytes.ToArray()).Split('\n'));
                    int a = random.Next(lines.Count), b = random.Next(lines.Count);
                    if (random.Next(3) == 0)
                    {
                        lines.Insert(a, lines[b]);
                    }
                    else if (random.Next(2) == 0)
                    {
                        (lines[a], lines[b]) = (lines[b], lines[a]);
                    }
                    else
                    {
                        lines.RemoveAt(a);
                    }
                    bytes = new List<byte>(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
                    break;
            }
        }
        return bytes.ToArray();
    }

    private static string Show(byte[] mutant)
    {
        string text = Encoding.UTF8.GetString(mutant);
        return text.Length <= 2000 ? text : text[..2000] + "...";
    }
}
