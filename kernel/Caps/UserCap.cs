// The capability record user code reads and writes through capability_control (struct l4_cap, 40 bytes).
using System.Runtime.InteropServices;
using Codezero.Caps;

namespace Codezero.Kernel;

[StructLayout(LayoutKind.Sequential, Size = 40)]
public unsafe struct UserCap
{
    public uint Id;
    public byte Type, TargetKind, Pool, OwnerKind; // OwnerKind: 0 a space, 1 a container
    public uint Rights;
    public uint Target;
    public uint Start, End;
    public uint Size, Used;
    public uint Owner;
    public uint Parent;

    public static UserCap From(CapabilityTable table, Capability* c)
    {
        CapOwner owner = table.OwnerOf(c);
        Capability* parent = table.ParentOf(c);
        return new UserCap
        {
            Id = c->Id,
            Type = (byte)c->Type,
            TargetKind = (byte)c->TargetKind,
            Pool = (byte)c->Pool,
            OwnerKind = owner.IsContainer ? (byte)1 : (byte)0,
            Rights = c->Rights,
            Target = c->Target,
            Start = c->Start,
            End = c->End,
            Size = c->Size,
            Used = c->Used,
            Owner = (uint)owner.Id,
            Parent = parent == null ? 0 : parent->Id,
        };
    }
}
