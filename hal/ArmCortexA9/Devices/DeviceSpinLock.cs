// A tiny test-and-set spin lock for device state that several host threads may touch at once.
using System.Runtime.CompilerServices;
using System.Threading;

namespace Codezero.Hal.ArmCortexA9.Devices;

/// <summary>
/// Guards short critical sections on device register paths: no allocation, no kernel object, no
/// recursion. Keep it in a mutable (non-readonly) field and never copy it. Holders must not block
/// and must not take a lock that ranks above theirs (device locks are always taken before the GIC's).
/// </summary>
public struct DeviceSpinLock
{
    private int _held;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enter()
    {
        if (Interlocked.CompareExchange(ref _held, 1, 0) != 0)
        {
            EnterContended();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Exit() => Volatile.Write(ref _held, 0);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnterContended()
    {
        SpinWait spinner = default;
        while (Volatile.Read(ref _held) != 0 || Interlocked.CompareExchange(ref _held, 1, 0) != 0)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
