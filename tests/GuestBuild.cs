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
