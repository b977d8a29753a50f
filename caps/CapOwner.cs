// Who holds a capability: one address space (every thread in it), or a whole container (shared).
namespace Codezero.Caps;

public readonly struct CapOwner
{
    private CapOwner(bool container, int id)
    {
        IsContainer = container;
        Id = id;
    }

    public bool IsContainer { get; }

    /// <summary>The space or container id (1 and up).</summary>
    public int Id { get; }

    public static CapOwner Space(int id) => new(false, id);

    public static CapOwner Container(int id) => new(true, id);

    public override string ToString() => (IsContainer ? "container " : "space ") + Id;
}
