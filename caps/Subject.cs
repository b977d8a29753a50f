// A thread as capability checks see it: its id, its space and its container (containment is by these).
namespace Codezero.Caps;

/// <summary>
/// The kernel describes a caller or a target thread by the three ids a cap's target can name. A cap
/// whose target is a container covers every thread with that container id, a space every thread of that
/// space, a thread that thread alone: thread within space within container.
/// </summary>
public readonly record struct Subject(uint Thread, int Space, int Container)
{
    public CapOwner SpaceOwner => CapOwner.Space(Space);

    public CapOwner ContainerOwner => CapOwner.Container(Container);
}
