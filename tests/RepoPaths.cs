// Locates the repository and the build products tests use (guest ELFs, the published CLI).
using System;
using System.IO;

namespace Codezero.Tests;

public static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The folder holding Codezero.sln.</summary>
    public static string Root => s_root.Value;

    /// <summary>guests/build/NAME.elf; fails with a hint when the guests were not built.</summary>
    public static string GuestElf(string name) => GuestElf(name, GuestBuild.Arm);

    /// <summary>guests/build/NAME.elf (ARM build) or guests/build/thumb/NAME.elf (Thumb build).</summary>
    public static string GuestElf(string name, GuestBuild build)
    {
        string path = build == GuestBuild.Thumb
            ? Path.Combine(Root, "guests", "build", "thumb", name + ".elf")
            : Path.Combine(Root, "guests", "build", name + ".elf");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: build the guests with `make -C guests` (scripts/test.sh does)");
        }
        return path;
    }

    private static string FindRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir != null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Codezero.sln")))
            {
                return dir;
            }
        }
        throw new DirectoryNotFoundException("Codezero.sln not found above " + AppContext.BaseDirectory);
    }
}
