// A manifest read and validated for a run: the kernel options it needs and the boot, errors as one line and 78.
using System;
using System.IO;
using Codezero.Cli.Options;
using Codezero.Containers;
using Codezero.Hal.ArmCortexA9;
using Codezero.Kernel;
using Codezero.Kernel.Hal;

namespace Codezero.Cli;

public sealed class LoadedManifest
{
    private LoadedManifest(Manifest manifest, KernelOptions options)
    {
        Manifest = manifest;
        Options = options;
    }

    public Manifest Manifest { get; }

    public KernelOptions Options { get; }

    /// <summary>Reads and validates a manifest (a regular file of at most ManifestLoader.MaxBytes, 1 MiB); a bad one is a <see cref="CliFailure"/> with the manifest's own message and status 78.</summary>
    public static LoadedManifest Load(string path, int? cpus, long maxCycles)
    {
        if (cpus is < 1 or > 4)
        {
            throw new CliFailure(ExitStatus.Usage, $"--{GuestOptions.CpusName} must be between 1 and 4, not {cpus}");
        }
        if (File.Exists(path) || Directory.Exists(path))
        {
            // not a directory, device or FIFO, not huge; a missing file is the loader's located error (docs/manifest.md)
            InputFile.Check(path, InputFile.Manifest, InputFile.MaxManifestBytes, ExitStatus.ManifestError);
        }
        try
        {
            // The kernel's part of RAM depends on its pools, which depend on the containers: parse once to size them.
            Manifest first = ManifestLoader.Load(path, ManifestBoot.LimitsFor(new KernelOptions(), cpus ?? 0, 0));
            KernelOptions options = ManifestBoot.OptionsFor(first, maxCycles);
            Manifest manifest = ManifestLoader.Load(path, ManifestBoot.LimitsFor(options, cpus ?? 0, 0));
            return new LoadedManifest(manifest, options); // the pools, which size the options, are the same in both parses
        }
        catch (ManifestException e)
        {
            throw new CliFailure(ExitStatus.ManifestError, e.Message);
        }
    }

    /// <summary>Boots the containers on <paramref name="board"/> (the cores are started by the caller).</summary>
    public Kernel<CortexA9Hal> Boot(Board board, bool parallel)
    {
        try
        {
            return ManifestBoot.Boot(board, parallel, Manifest, Options);
        }
        catch (ManifestException e)
        {
            throw new CliFailure(ExitStatus.ManifestError, e.Message);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new CliFailure(ExitStatus.ManifestError, $"{Manifest.Path}: {e.Message}");
        }
    }
}
