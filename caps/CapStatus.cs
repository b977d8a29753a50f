// Results of capability operations and checks: 0 or a negative errno, the same numbers as the kernel's.
namespace Codezero.Caps;

public static class CapStatus
{
    public const int Ok = 0;
    public const int EPERM = -1;
    public const int ESRCH = -3;
    public const int ENOMEM = -12;
    public const int EBUSY = -16;
    public const int EINVAL = -22;
    public const int ENOCAP = -201;

    /// <summary>Revoke stopped at its budget with descendants left: call it again to go on.</summary>
    public const int Preempted = 1;
}
