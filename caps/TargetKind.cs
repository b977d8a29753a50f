// What an object capability's target id names: one thread, every thread of a space, or of a container.
namespace Codezero.Caps;

public enum TargetKind : byte
{
    None = 0,
    Thread = 1,
    Space = 2,
    Container = 3,
}
