// thread_control actions and the space flags of CREATE (docs/abi.md).
namespace Codezero.Kernel.Abi;

public static class ThreadAction
{
    public const uint Create = 0;
    public const uint Run = 1;
    public const uint Suspend = 2;
    public const uint Destroy = 3;
    public const uint Recycle = 4;
    public const uint Wait = 5;
    public const uint Exit = 6;
    public const uint Sched = 7;

    public const uint ActionMask = 0xFF;
    public const uint SpaceMask = 0xF00;
    public const uint ShareSpace = 0x100;
    public const uint NewSpace = 0x200;
    public const uint CopySpace = 0x300;
}
