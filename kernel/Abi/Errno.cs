// Error results of system calls: negative errno values, Linux's numbers plus Codezero's own (docs/abi.md).
namespace Codezero.Kernel.Abi;

public static class Errno
{
    public const int EPERM = 1;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EFAULT = 14;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int EINVAL = 22;
    public const int EDEADLK = 35;
    public const int ENOSYS = 38;
    public const int ENOIPC = 200;
    public const int ENOCAP = 201;
    public const int ENOUTCB = 202;
    public const int ENOMAP = 203;
    public const int ENOIRQ = 204;
    public const int EABORT = 205;
    public const int ENOCHILD = 206;
}
