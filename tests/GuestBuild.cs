// The two builds of every guest program (guests/Makefile): ARM-state code, and Thumb-2 code with the default multilib.
namespace Codezero.Tests;

/// <summary>Which build of a guest program a test runs.</summary>
public enum GuestBuild
{
    /// <summary>guests/build/NAME.elf and build/l4/: compiled <c>-marm -mcpu=cortex-a9</c>.</summary>
    Arm,

    /// <summary>guests/build/thumb/NAME.elf and build/l4-thumb/: compiled and linked <c>-mthumb -mcpu=cortex-a9</c>.</summary>
    Thumb,
}

/// <summary>Gates the tests of Thumb-built guests on the core running the 32-bit Thumb encodings.</summary>
public static class ThumbGate
{
    /// <summary>
    /// The skip reason of every test that runs a Thumb-built guest: compiled Thumb-2 code is mostly T32,
    /// which the core decodes only once the T32 rows of the Thumb table are merged (issue 8). Remove the
    /// Skip then.
    /// </summary>
    public const string NeedsT32 = "runs Thumb-2 guest code: needs the T32 rows of the Thumb table (issue 8)";
}
