using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace CMDisconnectedSync.Wsus.Processes;

/// <summary>
/// Where <see cref="ProcessRunner"/> puts every child it starts, so the children end when this process ends, however
/// it ends (issue 19: a real <c>wsusutil import</c> runs for hours; killing cmdsync must not leave it running).
/// </summary>
public interface IChildProcessJob
{
    /// <summary>Adds a started child. Throws <see cref="Win32Exception"/> when the operating system refuses.</summary>
    void Add(Process process);
}

/// <summary>The job for this platform: a kill-on-close Job Object on Windows; elsewhere (Linux, Mono) none exists.</summary>
public static class ChildProcessJobs
{
    public static IChildProcessJob ForThisPlatform() =>
#if NETFRAMEWORK
        // Mono on Linux reports Unix here; .NET Framework on Windows reports Win32NT.
        Environment.OSVersion.Platform == PlatformID.Win32NT ? WindowsKillOnCloseJob.Shared : NoChildProcessJob.Instance;
#else
        OperatingSystem.IsWindows() ? WindowsKillOnCloseJob.Shared : NoChildProcessJob.Instance;
#endif
}

/// <summary>
/// Linux and Mono: no Job Objects. A child outlives a killed cmdsync there (it is re-parented to init); the journal's
/// record of the wsusutil process (id and start time) lets the next run recognise it and refuse (issue 19).
/// </summary>
public sealed class NoChildProcessJob : IChildProcessJob
{
    public static readonly NoChildProcessJob Instance = new();

    private NoChildProcessJob()
    {
    }

    public void Add(Process process) => _ = process ?? throw new ArgumentNullException(nameof(process));
}

/// <summary>
/// One Windows Job Object for this process's children with JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE: "Causes all processes
/// associated with the job to terminate when the last handle to the job is closed" (JOBOBJECT_BASIC_LIMIT_INFORMATION,
/// https://learn.microsoft.com/en-us/windows/win32/api/winnt/ns-winnt-jobobject_basic_limit_information ). Its only
/// handle is ours and is not inheritable (CreateJobObjectW with no security attributes: "the handle cannot be
/// inherited", https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-createjobobjectw ), so when
/// cmdsync ends (exit, crash, Task Manager) the kernel closes it and ends every wsusutil in it; the same pattern as
/// Raymond Chen's "Destroying all child processes (and grandchildren) when the parent exits"
/// (https://devblogs.microsoft.com/oldnewthing/20131209-00/?p=2433 ). The limit is set with SetInformationJobObject,
/// class JobObjectExtendedLimitInformation (9) (https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-setinformationjobobject ),
/// a child is added with AssignProcessToJobObject (https://learn.microsoft.com/en-us/windows/win32/api/jobapi2/nf-jobapi2-assignprocesstojobobject ):
/// since Windows 8 / Server 2012 that works even when cmdsync itself already runs in a job (a scheduled task), as a
/// nested job. The child runs for the moment between its start and the assignment outside the job; wsusutil starts
/// no process of its own in that moment.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed class WindowsKillOnCloseJob : IChildProcessJob
{
    private static readonly Lazy<WindowsKillOnCloseJob> SharedJob = new(() => new WindowsKillOnCloseJob(), LazyThreadSafetyMode.ExecutionAndPublication);

    // Kept for the life of the process on purpose: closing it would end every child in it.
    private readonly SafeJobHandle _job;

    private WindowsKillOnCloseJob()
    {
        _job = NativeMethods.CreateJobObjectW(IntPtr.Zero, null);
        if (_job.IsInvalid)
        {
            throw new Win32Exception(Marshal.GetLastWin32Error(), "CreateJobObjectW failed");
        }

        var limits = new JobObjectExtendedLimitInformation
        {
            BasicLimitInformation = new JobObjectBasicLimitInformation { LimitFlags = NativeMethods.JobObjectLimitKillOnJobClose },
        };
        if (!NativeMethods.SetInformationJobObject(_job, NativeMethods.JobObjectExtendedLimitInformationClass, ref limits, (uint)Marshal.SizeOf<JobObjectExtendedLimitInformation>()))
        {
            var error = Marshal.GetLastWin32Error();
            _job.Dispose();
            throw new Win32Exception(error, "SetInformationJobObject(JobObjectExtendedLimitInformation, JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE) failed");
        }
    }

    /// <summary>The job of this process (created on first use).</summary>
    public static WindowsKillOnCloseJob Shared => SharedJob.Value;

    public void Add(Process process)
    {
        _ = process ?? throw new ArgumentNullException(nameof(process));
        if (!NativeMethods.AssignProcessToJobObject(_job, process.Handle))
        {
            throw new Win32Exception(Marshal.GetLastWin32Error(), $"AssignProcessToJobObject failed for process {process.Id}");
        }

        GC.KeepAlive(process);
    }
}

/// <summary>A job handle, closed with CloseHandle.</summary>
[SupportedOSPlatform("windows")]
internal sealed class SafeJobHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeJobHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => NativeMethods.CloseHandle(handle);
}

/// <summary>
/// JOBOBJECT_BASIC_LIMIT_INFORMATION (winnt.h), as documented at
/// https://learn.microsoft.com/en-us/windows/win32/api/winnt/ns-winnt-jobobject_basic_limit_information :
/// LARGE_INTEGER PerProcessUserTimeLimit, LARGE_INTEGER PerJobUserTimeLimit, DWORD LimitFlags, SIZE_T
/// MinimumWorkingSetSize, SIZE_T MaximumWorkingSetSize, DWORD ActiveProcessLimit, ULONG_PTR Affinity, DWORD
/// PriorityClass, DWORD SchedulingClass. SIZE_T and ULONG_PTR are pointer-sized (<see cref="UIntPtr"/>): declaring them
/// 32-bit is the classic mistake that makes SetInformationJobObject fail with ERROR_BAD_LENGTH on x64
/// (JobObjectLayoutTests pins the x64 layout: 64 bytes).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct JobObjectBasicLimitInformation
{
    public long PerProcessUserTimeLimit;
    public long PerJobUserTimeLimit;
    public uint LimitFlags;
    public UIntPtr MinimumWorkingSetSize;
    public UIntPtr MaximumWorkingSetSize;
    public uint ActiveProcessLimit;
    public UIntPtr Affinity;
    public uint PriorityClass;
    public uint SchedulingClass;
}

/// <summary>
/// IO_COUNTERS (winnt.h): six ULONGLONG counters,
/// https://learn.microsoft.com/en-us/windows/win32/api/winnt/ns-winnt-io_counters (48 bytes).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IoCounters
{
    public ulong ReadOperationCount;
    public ulong WriteOperationCount;
    public ulong OtherOperationCount;
    public ulong ReadTransferCount;
    public ulong WriteTransferCount;
    public ulong OtherTransferCount;
}

/// <summary>
/// JOBOBJECT_EXTENDED_LIMIT_INFORMATION (winnt.h),
/// https://learn.microsoft.com/en-us/windows/win32/api/winnt/ns-winnt-jobobject_extended_limit_information :
/// JOBOBJECT_BASIC_LIMIT_INFORMATION BasicLimitInformation, IO_COUNTERS IoInfo, then four SIZE_T
/// (ProcessMemoryLimit, JobMemoryLimit, PeakProcessMemoryUsed, PeakJobMemoryUsed); 144 bytes on x64.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct JobObjectExtendedLimitInformation
{
    public JobObjectBasicLimitInformation BasicLimitInformation;
    public IoCounters IoInfo;
    public UIntPtr ProcessMemoryLimit;
    public UIntPtr JobMemoryLimit;
    public UIntPtr PeakProcessMemoryUsed;
    public UIntPtr PeakJobMemoryUsed;
}

/// <summary>kernel32 Job Object functions (pages cited on <see cref="WindowsKillOnCloseJob"/>).</summary>
[SupportedOSPlatform("windows")]
internal static class NativeMethods
{
    /// <summary>JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE, 0x00002000 (JOBOBJECT_BASIC_LIMIT_INFORMATION, LimitFlags).</summary>
    public const uint JobObjectLimitKillOnJobClose = 0x00002000;

    /// <summary>JobObjectExtendedLimitInformation, 9 (SetInformationJobObject, JobObjectInformationClass).</summary>
    public const int JobObjectExtendedLimitInformationClass = 9;

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true, ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    public static extern SafeJobHandle CreateJobObjectW(IntPtr jobAttributes, string? name);

    [DllImport("kernel32.dll", SetLastError = true, ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static extern bool SetInformationJobObject(SafeJobHandle job, int jobObjectInformationClass, ref JobObjectExtendedLimitInformation jobObjectInformation, uint jobObjectInformationLength);

    [DllImport("kernel32.dll", SetLastError = true, ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static extern bool AssignProcessToJobObject(SafeJobHandle job, IntPtr process);

    [DllImport("kernel32.dll", SetLastError = true, ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static extern bool CloseHandle(IntPtr handle);
}
